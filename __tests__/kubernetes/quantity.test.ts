import { compareQuantities, parseQuantity } from '../../src/domain/kubernetes/quantity';

const value = (text: string) => parseQuantity(text)?.value;

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['0.5', 0.5],
    ['2', 2],
    ['.5', 0.5],
    ['1.', 1],
    ['100n', 100e-9],
    ['100u', 100e-6],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1E', 1e18],
    ['256Mi', 256 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['64Ki', 65536],
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-1', 0.5],
    ['+2', 2],
    ['-1', -1],
  ])('reads %s as %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('keeps the suffix, so a memory value in millibytes can be told apart', () => {
    expect(parseQuantity('512m')).toEqual({ value: 0.512, suffix: 'm' });
    expect(parseQuantity('512Mi')?.suffix).toBe('Mi');
    expect(parseQuantity('512')?.suffix).toBe('');
  });

  it.each(['', 'abc', '256MB', '256mi', '1 Gi', 'Gi', '1.2.3', '1Gii', '0x10', '1e', '--1', '250 m'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('compareQuantities', () => {
  const compare = (a: string, b: string) => compareQuantities(parseQuantity(a)!, parseQuantity(b)!);

  it('orders CPU across notations', () => {
    expect(compare('250m', '500m')).toBe(-1);
    expect(compare('1', '500m')).toBe(1);
    expect(compare('0.5', '500m')).toBe(0);
    expect(compare('0.1', '100m')).toBe(0);
    expect(compare('1.1', '1100m')).toBe(0);
  });

  it('orders memory across binary and decimal suffixes', () => {
    expect(compare('256Mi', '512Mi')).toBe(-1);
    expect(compare('1Gi', '1024Mi')).toBe(0);
    expect(compare('1G', '1Gi')).toBe(-1);
    expect(compare('268435456', '256Mi')).toBe(0);
    expect(compare('2Ei', '1Ei')).toBe(1);
  });
});
