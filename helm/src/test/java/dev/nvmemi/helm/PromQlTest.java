package dev.nvmemi.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PromQL name extraction that the telemetry-name checks rely on. */
class PromQlTest {

  @Test
  void findsMetricInsideFunctionsAndRanges() {
    PromQl.Names n = PromQl.names("sum by (le) (rate(nvme_mi_command_duration_seconds_bucket{a=\"b\"}[$__rate_interval]))");
    assertThat(n.metrics()).containsExactly("nvme_mi_command_duration_seconds_bucket");
    assertThat(n.labels()).containsExactlyInAnyOrder("a", "le");
  }

  @Test
  void findsBothSidesOfBinaryOperatorsAndSetOperators() {
    PromQl.Names n = PromQl.names("max by (hw_id) (x_celsius) >= on (hw_id) group_left () min by (hw_id) (y_celsius)"
        + " unless z_total offset 1h and bool w");
    assertThat(n.metrics()).containsExactlyInAnyOrder("x_celsius", "y_celsius", "z_total", "w");
    assertThat(n.labels()).containsExactly("hw_id");
  }

  @Test
  void ignoresNumbersDurationsStringsAndGrafanaVariables() {
    PromQl.Names n = PromQl.names("histogram_quantile(0.99, m_bucket{k8s_node_name=~\"$node\", s!=\"a b{c}\"}) > 1e3"
        + " or vector(0) or bottomk(20, q) > 2.5");
    assertThat(n.metrics()).containsExactlyInAnyOrder("m_bucket", "q");
  }

  @Test
  void recordsMatchersWithTheirOperators() {
    PromQl.Names n = PromQl.names("hw_status{hw_state!=\"ok\", state=~'lost|backoff'}");
    assertThat(n.matchers()).containsExactly(new PromQl.Matcher3("hw_state", "!=", "ok"),
        new PromQl.Matcher3("state", "=~", "lost|backoff"));
  }

  @Test
  void readsGrafanaLabelValuesQueries() {
    PromQl.Names n = PromQl.names("label_values(hw_status{hw_type=\"physical_disk\"}, k8s_node_name)");
    assertThat(n.metrics()).containsExactly("hw_status");
    assertThat(n.labels()).containsExactlyInAnyOrder("hw_type", "k8s_node_name");
  }
}
