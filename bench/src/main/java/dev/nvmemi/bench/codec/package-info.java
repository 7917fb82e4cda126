/** JMH benchmarks of the NVMe-MI codec (single-threaded, pure computation). */
package dev.nvmemi.bench.codec;
