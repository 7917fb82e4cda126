/** Autoconfigure SPI provider of the Alertmanager exporter (not API; found through ServiceLoader). */
package dev.nvmemi.plugins.alertmanager.internal;
