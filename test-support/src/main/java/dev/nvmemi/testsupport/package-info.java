/**
 * Test helpers shared by every module's tests (a test-scoped dependency, never on a runtime class
 * path): {@link dev.nvmemi.testsupport.Required} (a missing real component fails under CI) and
 * {@link dev.nvmemi.testsupport.Await} (the one bounded, named wait for what runs on its own clock).
 */
package dev.nvmemi.testsupport;
