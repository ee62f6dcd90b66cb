package dev.leadbridge.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks of the build itself that Maven has no rule for (docs/build.md): every published module is in the BOM, and
 * every jar names its Automatic-Module-Name. It reads the poms of the whole tree, so it lives in core's tests, which
 * run in every {@code mvn verify}.
 */
class BuildConventionsTest {

    private static final String GROUP = "dev.leadbridge";

    private static Path root;
    private static Element rootPom;
    private static final Map<String, Element> MODULE_POMS = new HashMap<>();

    @BeforeAll
    static void readPoms() throws Exception {
        // surefire runs in core/; the parent pom is one directory up
        root = Path.of("").toAbsolutePath().getParent();
        rootPom = read(root.resolve("pom.xml"));
        assertThat(text(rootPom, "artifactId")).contains("leadbridge-parent");
        for (Element module : children(child(rootPom, "modules").orElseThrow(), "module")) {
            MODULE_POMS.put(module.getTextContent().trim(), read(root.resolve(module.getTextContent().trim())
                    .resolve("pom.xml")));
        }
    }

    @Test
    void everyPublishedModuleIsListedInTheBomWithTheProjectVersion() {
        Map<String, String> bom = bomEntries();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Element> module : MODULE_POMS.entrySet()) {
            String artifactId = text(module.getValue(), "artifactId").orElseThrow();
            if (published(module.getValue()) && !"pom".equals(packaging(module.getValue()))
                    && !"${project.version}".equals(bom.get(artifactId))) {
                missing.add(module.getKey() + " (" + artifactId + ")");
            }
        }
        assertThat(missing)
                .as("published modules missing from bom/pom.xml (or listed without ${project.version}); a module"
                        + " that is never published sets <maven.deploy.skip>true</maven.deploy.skip>")
                .isEmpty();
    }

    @Test
    void theBomListsOnlyPublishedModulesOfThisBuild() {
        TreeSet<String> published = new TreeSet<>();
        for (Element pom : MODULE_POMS.values()) {
            if (published(pom)) {
                published.add(text(pom, "artifactId").orElseThrow());
            }
        }
        assertThat(published).containsAll(bomEntries().keySet());
    }

    @Test
    void everyJarModuleNamesItsOwnAutomaticModule() {
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<String, Element> module : MODULE_POMS.entrySet()) {
            if ("pom".equals(packaging(module.getValue()))) {
                continue;
            }
            String name = child(module.getValue(), "properties").flatMap(p -> text(p, "leadbridge.module.name"))
                    .orElse("");
            assertThat(name).as("<leadbridge.module.name> of %s", module.getKey())
                    .matches("dev\\.leadbridge(\\.[a-z][a-z0-9]*)+");
            assertThat(names.put(name, module.getKey())).as("modules named %s", name).isNull();
        }
        assertThat(names).hasSize((int) MODULE_POMS.values().stream().filter(p -> !"pom".equals(packaging(p))).count());
    }

    private static Map<String, String> bomEntries() {
        Element bom = MODULE_POMS.get("bom");
        assertThat(bom).as("the bom module").isNotNull();
        Map<String, String> entries = new HashMap<>();
        Element managed = child(bom, "dependencyManagement").flatMap(d -> child(d, "dependencies")).orElseThrow();
        for (Element dependency : children(managed, "dependency")) {
            if (GROUP.equals(text(dependency, "groupId").orElse(""))) {
                entries.put(text(dependency, "artifactId").orElseThrow(), text(dependency, "version").orElse(""));
            }
        }
        return entries;
    }

    private static boolean published(Element pom) {
        return !child(pom, "properties").flatMap(p -> text(p, "maven.deploy.skip")).orElse("false").equals("true");
    }

    private static String packaging(Element pom) {
        return text(pom, "packaging").orElse("jar");
    }

    private static Element read(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }
}
