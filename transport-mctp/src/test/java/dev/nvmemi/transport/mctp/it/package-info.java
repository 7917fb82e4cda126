/**
 * Integration tests against a real Linux MCTP stack, run inside the QEMU guest by
 * {@code scripts/mctp-vm/run-tests.sh} (tag {@code mctp}; surefire does not run {@code *IT}).
 * The guest plumbing is here too: a pty with the N_MCTP line discipline
 * ({@link dev.nvmemi.transport.mctp.it.MctpSerialLink}), rtnetlink configuration of addresses and
 * routes ({@link dev.nvmemi.transport.mctp.it.GuestNetwork}), and a scriptable MCTP-serial peer
 * ({@link dev.nvmemi.transport.mctp.it.SerialPeer}) for the faults a well-behaved simulator does not
 * produce (silence, late answers, MPR).
 */
package dev.nvmemi.transport.mctp.it;
