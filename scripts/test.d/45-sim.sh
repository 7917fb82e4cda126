# python3: makes a real pty pair for the agent's SimulatePtyTest (simulate --serial-fd 0 on a pty master).
want python3 python3
