package dev.nvmemi.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No cycle between the agent's packages (issue #13): every compiled production class is read for
 * the classes it refers to (class-file constant pool: class entries, descriptors, signatures), the
 * package graph is built from those references, and no two packages may reach each other.
 * A failure names each cycle and, per edge, a class that makes it.
 */
class PackageCyclesTest {
  private static final Pattern REF = Pattern.compile("dev/nvmemi/agent(?:/[a-z0-9_]+)*/[A-Za-z0-9_$]+");

  @Test
  void theAgentsPackagesFormNoCycle() throws IOException, URISyntaxException {
    Map<String, Map<String, String>> edges = graph(classesDirectory());
    assertThat(edges).as("packages found").containsKeys("dev.nvmemi.agent", "dev.nvmemi.agent.poll");
    assertThat(edges.get("dev.nvmemi.agent.poll")).as("a known dependency is seen").containsKey("dev.nvmemi.agent.discovery");
    List<String> cycles = new ArrayList<>();
    for (Set<String> scc : stronglyConnected(edges)) {
      if (scc.size() > 1) {
        StringBuilder sb = new StringBuilder(String.join(" <-> ", scc)).append(':');
        for (String from : scc) {
          edges.getOrDefault(from, Map.of()).forEach((to, via) -> {
            if (scc.contains(to)) {
              sb.append("\n    ").append(from).append(" -> ").append(to).append(" (").append(via).append(')');
            }
          });
        }
        cycles.add(sb.toString());
      }
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  @Test
  void theCycleSearchFindsACycleAndLeavesTheRestApart() {
    Map<String, Map<String, String>> edges = Map.of(
        "a", Map.of("b", "A1"), "b", Map.of("c", "B1"), "c", Map.of("a", "C1"), "d", Map.of("a", "D1"));
    assertThat(stronglyConnected(edges)).contains(new TreeSet<>(Set.of("a", "b", "c")), new TreeSet<>(Set.of("d")));
  }

  private static Path classesDirectory() throws URISyntaxException {
    Path p = Path.of(AgentVerticle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(p).as("the production classes as a directory").isDirectory();
    return p;
  }

  /** Package -> package it refers to -> one class that does. */
  private static Map<String, Map<String, String>> graph(Path classes) throws IOException {
    Map<String, Map<String, String>> edges = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(f).toString().replace('\\', '/').replaceFirst("\\.class$", "");
        String from = pkg(name);
        edges.computeIfAbsent(from, k -> new TreeMap<>());
        try (InputStream in = Files.newInputStream(f)) {
          for (String utf8 : utf8Constants(in)) {
            Matcher m = REF.matcher(utf8);
            while (m.find()) {
              String to = pkg(m.group());
              if (!to.equals(from)) {
                edges.get(from).putIfAbsent(to, name.replace('/', '.'));
              }
            }
          }
        }
      }
    }
    return edges;
  }

  private static String pkg(String internalName) {
    return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
  }

  /** The UTF-8 entries of a class file's constant pool (class names, descriptors, signatures, strings). */
  private static List<String> utf8Constants(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    List<String> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> out.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++; // takes two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    return out;
  }

  /** Tarjan's strongly connected components of the package graph. */
  static List<Set<String>> stronglyConnected(Map<String, Map<String, String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    Set<String> nodes = new TreeSet<>(edges.keySet());
    edges.values().forEach(m -> nodes.addAll(m.keySet()));
    int[] counter = {0};
    for (String n : nodes) {
      if (!index.containsKey(n)) {
        visit(n, edges, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void visit(String v, Map<String, Map<String, String>> edges, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        visit(w, edges, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> scc = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
      } while (!w.equals(v));
      out.add(scc);
    }
  }
}
