package dev.nvmemi.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The container image recipe. It cannot be built here (no container engine), so its runtime
 * contents are checked against what the tests run: the agent's shaded jar as agent/pom.xml names
 * it, the repository's launcher, the chart's user, and a build context that keeps both.
 */
class DockerfileTest {
  static final Path ROOT = ChartFixture.repoRoot();
  private static List<Stage> stages;

  /** One FROM … stage: its base image, its alias and its instructions (continuations joined). */
  record Stage(String from, String alias, List<String> instructions) {
    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1)).toList();
    }
  }

  @BeforeAll
  static void parse() throws IOException {
    stages = new ArrayList<>();
    String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    Map<String, String> args = new java.util.HashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      line = line.replaceAll("\\s+#.*$", "").replaceAll("\\s+", " ");
      if (line.startsWith("ARG ") && stages.isEmpty()) {
        String[] kv = line.substring(4).split("=", 2);
        args.put(kv[0], kv.length > 1 ? kv[1] : "");
      } else if (line.startsWith("FROM ")) {
        String[] parts = line.substring(5).split(" ");
        String image = parts[0];
        for (var e : args.entrySet()) {
          image = image.replace("${" + e.getKey() + "}", e.getValue());
        }
        stages.add(new Stage(image, parts.length == 3 ? parts[2] : null, new ArrayList<>()));
      } else {
        stages.get(stages.size() - 1).instructions().add(line);
      }
    }
  }

  private static Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  /** The jar the launcher runs, relative to the repository, as in a clone's default build (target). */
  static String launcherJar() throws IOException {
    return ROOT.relativize(LauncherRuntimeTest.launcherJar("target")).toString();
  }

  /**
   * The file the agent's shade execution writes: its {@code outputFile} when set, else
   * {@code <artifactId>-<version>-<shadedClassifierName>.jar} (an attached shaded artifact ignores the
   * build's finalName).
   */
  static String shadedJar() throws Exception {
    Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(ROOT.resolve("agent/pom.xml").toFile()).getDocumentElement();
    var outputFile = pom.getElementsByTagName("outputFile");
    if (outputFile.getLength() > 0) {
      String f = outputFile.item(0).getTextContent().strip();
      return "agent/target/" + f.substring(f.lastIndexOf('/') + 1);
    }
    String artifactId = direct(pom, "artifactId");
    Element parent = (Element) pom.getElementsByTagName("parent").item(0);
    String version = direct(pom, "version") != null ? direct(pom, "version") : direct(parent, "version");
    String classifier = pom.getElementsByTagName("shadedClassifierName").item(0).getTextContent().strip();
    return "agent/target/" + artifactId + "-" + version + "-" + classifier + ".jar";
  }

  private static String direct(Element e, String tag) {
    for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c.getTextContent().strip();
      }
    }
    return null;
  }

  @Test
  void buildsWithMavenAndRunsOnAJre17() {
    assertThat(stages).hasSize(2);
    Stage build = stages.get(0);
    assertThat(build.from()).startsWith("maven:").contains("17");
    assertThat(build.all("RUN")).anyMatch(r -> r.contains("mvn ") && r.contains("-pl agent -am") && r.contains("package"));
    assertThat(runtime().from()).contains("17-jre");
  }

  @Test
  void runtimeCarriesTheLauncherAndItsJarInTheSourceLayout() throws Exception {
    String jar = launcherJar();
    List<String> copies = runtime().all("COPY");
    assertThat(copies).containsExactlyInAnyOrder(
        "--from=" + stages.get(0).alias() + " /src/bin/nvme-mi-agent /opt/nvme-mi-agent/bin/nvme-mi-agent",
        "--from=" + stages.get(0).alias() + " /src/" + jar + " /opt/nvme-mi-agent/" + jar);
    assertThat(stages.get(0).all("RUN")).anyMatch(r -> r.contains("test -f " + jar));
    assertThat(runtime().all("ENTRYPOINT")).containsExactly("[\"/opt/nvme-mi-agent/bin/nvme-mi-agent\"]");
  }

  @Test
  void agentBuildWritesTheJarTheLauncherRuns() throws Exception {
    // Otherwise the launcher rebuilds on every start and then cannot find its jar, and the image
    // build stops at its `test -f`.
    assertThat(shadedJar()).isEqualTo(launcherJar());
  }

  @Test
  void runsAsTheChartsNonRootUser() {
    Map<String, Object> sc = ChartFixture.at(ChartFixture.defaultValues(), "securityContext");
    assertThat(runtime().all("USER")).containsExactly(sc.get("runAsUser") + ":" + sc.get("runAsGroup"));
    assertThat(runtime().all("RUN")).anyMatch(r -> r.contains("--uid " + sc.get("runAsUser")));
  }

  @Test
  void javaGetsOnlyNetRawAsAFileCapabilityAndStillFindsItsLibraries() {
    String run = String.join("\n", runtime().all("RUN"));
    Matcher setcap = Pattern.compile("setcap (\\S+) \"\\$\\{JAVA_HOME}/bin/java\"").matcher(run);
    assertThat(setcap.find()).as("setcap on java").isTrue();
    assertThat(setcap.group(1)).isEqualTo("cap_net_raw=ep");
    // Secure-execution mode ignores $ORIGIN: libjli.so must be found through ld.so.conf.
    assertThat(run).contains("/etc/ld.so.conf.d/").contains("${JAVA_HOME}/lib").contains("ldconfig");
    assertThat(run).contains("chmod a-s");
  }

  @Test
  void defaultCommandMatchesTheChartAndTheUnit() throws IOException {
    assertThat(runtime().all("CMD")).containsExactly("[\"run\", \"--config\", \"/etc/nvme-mi-agent/config.yaml\"]");
    assertThat(Files.readString(ROOT.resolve("helm/nvme-mi-agent/templates/daemonset.yaml")))
        .contains("- run\n            - --config\n            - /etc/nvme-mi-agent/config.yaml");
  }

  @Test
  void saysWhereItCannotBeBuilt() throws IOException {
    assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("cannot be built on the project's build machines");
    assertThat(Files.readString(ROOT.resolve("helm/nvme-mi-agent/README.md"))).contains("cannot be\nbuilt on the project's build machines");
  }

  @Test
  void buildContextKeepsSourcesAndDropsBuildOutput() throws IOException {
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ignored).contains(".git", "**/target", "**/target-*");
    for (String needed : List.of("pom.xml", "bin", "agent", "mi-protocol", "transport-mctp", "simulator", "plugins", "helm")) {
      assertThat(ignored).as("%s is needed by the reactor build", needed).noneMatch(p -> p.equals(needed) || p.equals(needed + "/"));
    }
  }
}
