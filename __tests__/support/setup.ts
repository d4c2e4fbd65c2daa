// Adds cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...),
// and, through the reference, their types for every test file.
/// <reference types="cdktf/lib/testing/adapters/jest" />
import { Testing } from 'cdktf';

Testing.setupJest();
