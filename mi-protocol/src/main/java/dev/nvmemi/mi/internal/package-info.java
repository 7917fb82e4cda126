/** Internal helpers of the codec (MIC, little-endian access); not API. */
package dev.nvmemi.mi.internal;
