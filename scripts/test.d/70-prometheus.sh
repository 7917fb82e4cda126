# The agent's Prometheus integration test starts a real Prometheus server that scrapes the agent.
want prometheus prometheus
