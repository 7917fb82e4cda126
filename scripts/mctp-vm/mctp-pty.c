/*
 * mctp-pty: makes an MCTP-over-serial link from a pseudo-terminal and hands the other end to a
 * program.
 *
 *   mctp-pty <program> [args...]
 *
 * Opens a pty pair, puts the slave in raw mode, attaches the N_MCTP line discipline to it (a new
 * netdev mctpserialN appears), then starts <program> with the pty MASTER as file descriptor 3 (for
 * `nvme-mi-agent simulate --serial-fd 3`). The slave must stay open for the netdev to exist, so this
 * process keeps it and waits for the program; it exits with the program's status. SIGTERM is passed
 * on to the program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef N_MCTP
#define N_MCTP 28
#endif

static pid_t child;

static void forward(int sig) {
  if (child > 0) kill(child, sig);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: mctp-pty <program> [args...]\n");
    return 2;
  }
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) || unlockpt(master)) {
    perror("mctp-pty: posix_openpt");
    return 1;
  }
  char name[64];
  if (ptsname_r(master, name, sizeof name)) {
    perror("mctp-pty: ptsname");
    return 1;
  }
  int slave = open(name, O_RDWR | O_NOCTTY);
  if (slave < 0) {
    perror("mctp-pty: open slave");
    return 1;
  }
  struct termios t;
  if (tcgetattr(slave, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(slave, TCSANOW, &t);
  }
  struct termios tm;
  if (tcgetattr(master, &tm) == 0) {
    cfmakeraw(&tm);
    tcsetattr(master, TCSANOW, &tm);
  }
  int ldisc = N_MCTP;
  if (ioctl(slave, TIOCSETD, &ldisc) < 0) {
    fprintf(stderr, "mctp-pty: TIOCSETD N_MCTP on %s: %s (kernel without CONFIG_MCTP_SERIAL?)\n", name,
        strerror(errno));
    return 1;
  }
  fprintf(stderr, "mctp-pty: %s carries N_MCTP; master is fd 3 of %s\n", name, argv[1]);
  child = fork();
  if (child < 0) {
    perror("mctp-pty: fork");
    return 1;
  }
  if (child == 0) {
    if (master != 3) {
      dup2(master, 3);
      close(master);
    }
    close(slave);
    execvp(argv[1], argv + 1);
    perror("mctp-pty: exec");
    _exit(127);
  }
  close(master);
  signal(SIGTERM, forward);
  signal(SIGINT, forward);
  int status;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      perror("mctp-pty: waitpid");
      return 1;
    }
  }
  close(slave);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
