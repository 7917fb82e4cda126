package dev.nvmemi.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointStateTest {

  @Test
  void everyStateButRemovedCanBeRemovedAndRemovedIsTerminal() {
    for (EndpointState s : EndpointState.values()) {
      if (s != EndpointState.REMOVED) {
        assertThat(s.canMoveTo(EndpointState.REMOVED)).as(s.toString()).isTrue();
      }
    }
    for (EndpointState s : EndpointState.values()) {
      assertThat(EndpointState.REMOVED.canMoveTo(s)).as(s.toString()).isFalse();
    }
  }

  @Test
  void aTransitionTheMachineDoesNotHaveIsABugNamedWithTheAllowedOnes() {
    assertThatThrownBy(() -> EndpointState.DISCOVERED.moveTo(EndpointState.LOST))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DISCOVERED -> LOST")
        .hasMessageContaining("IDENTIFYING");
  }

  @Test
  void onlyTheReachableActiveStateExportsValues() {
    for (EndpointState s : EndpointState.values()) {
      assertThat(s.exportsValues()).as(s.toString()).isEqualTo(s == EndpointState.ACTIVE);
      assertThat(s.reachable()).as(s.toString()).isEqualTo(s == EndpointState.ACTIVE);
    }
  }

  @Test
  void degradedConnectivityAndRemovedIssueNoExchanges() {
    assertThat(EndpointState.DEGRADED_CONNECTIVITY.polls()).isFalse();
    assertThat(EndpointState.REMOVED.polls()).isFalse();
    assertThat(EndpointState.LOST.polls()).as("lost endpoints are still retried").isTrue();
  }
}
