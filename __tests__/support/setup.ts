// Adds cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...),
// and, through the reference, their types for every test file.
/// <reference types="cdktf/lib/testing/adapters/jest" />
import { Testing } from 'cdktf';
import { removeTempDirs } from './temp-dir';

Testing.setupJest();

// The folders a test file made with tempDir go when it ends, also when a test failed.
afterAll(removeTempDirs);
