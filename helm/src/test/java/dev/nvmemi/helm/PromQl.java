package dev.nvmemi.helm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls metric names, label names and label matchers out of a PromQL expression (and Grafana's
 * {@code label_values(metric, label)}), enough to check them against the telemetry contract. Not a
 * full parser: it removes strings, matcher blocks, ranges, grouping clauses and offsets, and then
 * every identifier not followed by "(" is a metric name. Pure functions; any thread.
 */
final class PromQl {
  private PromQl() {}

  /** One label matcher, e.g. {@code hw_state="failed"}. */
  record Matcher3(String label, String op, String value) {}

  /** What an expression refers to. */
  record Names(Set<String> metrics, Set<String> labels, List<Matcher3> matchers) {}

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHER_BLOCK = Pattern.compile(
      "\\{((?:[^}\"']|\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')*)}");
  private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|`[^`]*`)");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
  private static final Pattern GROUPING = Pattern.compile(
      "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-z]+|@\\s*[0-9.]+|@\\s*(start|end)\\(\\)");
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9.A-Za-z_:$])[A-Za-z_:][A-Za-z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on",
      "ignoring", "group_left", "group_right", "offset", "inf", "nan", "Inf", "NaN");

  static Names names(String expression) {
    Set<String> metrics = new LinkedHashSet<>();
    Set<String> labels = new LinkedHashSet<>();
    List<Matcher3> matchers = new ArrayList<>();
    String expr = expression;

    Matcher lv = LABEL_VALUES.matcher(expr);
    if (lv.matches()) {
      labels.add(lv.group(2));
      expr = lv.group(1);
    }
    // Matchers first (their values are strings), then strip every remaining string.
    StringBuilder noBlocks = new StringBuilder();
    Matcher block = MATCHER_BLOCK.matcher(expr);
    while (block.find()) {
      Matcher m = MATCHER.matcher(block.group(1));
      while (m.find()) {
        String raw = m.group(3);
        matchers.add(new Matcher3(m.group(1), m.group(2), raw.substring(1, raw.length() - 1)));
        labels.add(m.group(1));
      }
      block.appendReplacement(noBlocks, " ");
    }
    block.appendTail(noBlocks);
    expr = STRING.matcher(noBlocks).replaceAll(" ");
    expr = RANGE.matcher(expr).replaceAll(" ");
    Matcher g = GROUPING.matcher(expr);
    StringBuilder noGrouping = new StringBuilder();
    while (g.find()) {
      for (String l : g.group(2).split(",")) {
        if (!l.isBlank()) {
          labels.add(l.trim());
        }
      }
      g.appendReplacement(noGrouping, " ");
    }
    g.appendTail(noGrouping);
    expr = OFFSET.matcher(noGrouping).replaceAll(" ");

    Matcher id = IDENTIFIER.matcher(expr);
    while (id.find()) {
      String name = id.group();
      boolean isCall = expr.substring(id.end()).stripLeading().startsWith("(");
      if (!isCall && !KEYWORDS.contains(name)) {
        metrics.add(name);
      }
    }
    return new Names(metrics, labels, matchers);
  }
}
