/** Autoconfigure SPI providers of the JSON-lines exporters (not API; found through ServiceLoader). */
package dev.nvmemi.plugins.jsonl.internal;
