/**
 * Test helpers shared by every module's tests (a test-scoped dependency, never on a runtime class
 * path): {@link dev.nvmemi.testsupport.Required}.
 */
package dev.nvmemi.testsupport;
