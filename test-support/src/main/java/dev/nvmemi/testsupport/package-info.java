/**
 * Test helpers shared by every module's tests (a test-scoped dependency, never on a runtime class
 * path): {@link dev.nvmemi.testsupport.Required} (a missing real component fails under CI),
 * {@link dev.nvmemi.testsupport.Await} (the one bounded, named wait for what runs on its own clock)
 * and {@link dev.nvmemi.testsupport.AlertmanagerServer} (a real Alertmanager for the exporter's and
 * the agent's tests).
 */
package dev.nvmemi.testsupport;
