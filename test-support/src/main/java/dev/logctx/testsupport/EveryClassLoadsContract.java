package dev.logctx.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every class of a published jar loads — and links, as a deployment scanner that loads every class
 * does (Arquillian's embedded Weld) — with only the artifacts its docs say the jar needs, except
 * exactly the documented optional classes; each of those loads once its own APIs are added, and
 * needs each of them. The needs come from one file ({@link ClassPathNeeds}) that the docs mirror,
 * which is checked too. A module's {@code EveryClassLoadsTest} extends this with its artifactId.
 */
public abstract class EveryClassLoadsContract {
  private final ClassPathNeeds needs;

  /**
   * The contract for one jar.
   *
   * @param module the jar's artifactId, whose needs file is read
   */
  protected EveryClassLoadsContract(String module) {
    this.needs = ClassPathNeeds.of(Objects.requireNonNull(module, "module"));
  }

  /** With only the required artifacts, exactly the optional classes fail. */
  @Test
  public void every_class_loads_with_the_required_apis_except_exactly_the_optional_ones() {
    Map<String, Throwable> failures = needs.loadEveryClass(List.of(), List.of());

    Set<String> failedGroups = new TreeSet<>();
    Map<String, Throwable> unexpected = new TreeMap<>();
    failures.forEach(
        (name, failure) -> {
          String group = needs.optionalGroupOf(name);
          if (group == null) {
            unexpected.put(name, failure);
          } else {
            failedGroups.add(group);
          }
        });

    assertThat(needs.classesOfTheModule()).as("classes of %s", needs.module()).isNotEmpty();
    assertThat(unexpected)
        .as("classes of %s that fail with only %s", needs.module(), needs.required())
        .isEmpty();
    assertThat(failedGroups)
        .as("optional classes of %s that fail without their APIs", needs.module())
        .containsExactlyInAnyOrderElementsOf(needs.optional().keySet());
  }

  /** Each optional class loads once the artifacts listed for it are added. */
  @Test
  public void each_optional_class_loads_once_its_apis_are_added() {
    assumeFalse(needs.optional().isEmpty(), needs.module() + " has no optional classes");
    needs
        .optional()
        .forEach(
            (group, apis) ->
                assertThat(inGroup(group, needs.loadEveryClass(apis, List.of())))
                    .as("%s with %s added", group, apis)
                    .isEmpty());
  }

  /** No optional class lists an artifact it can load without. */
  @Test
  public void each_optional_class_needs_every_api_listed_for_it() {
    assumeFalse(needs.optional().isEmpty(), needs.module() + " has no optional classes");
    needs
        .optional()
        .forEach(
            (group, apis) -> {
              for (String api : apis) {
                assertThat(inGroup(group, needs.loadEveryClass(apis, List.of(api))))
                    .as("%s with %s but without %s", group, apis, api)
                    .isNotEmpty();
              }
            });
  }

  /** The docs section names every artifact and optional class of the needs file. */
  @Test
  public void the_docs_mirror_the_needs_file() {
    String section = needs.docsSection();
    List<String> named = new ArrayList<>(needs.required());
    needs
        .optional()
        .forEach(
            (group, apis) -> {
              named.add(group);
              named.addAll(apis);
            });
    for (String name : named) {
      assertThat(section).as("the docs section of %s", needs.module()).contains(name);
    }
  }

  private Map<String, Throwable> inGroup(String group, Map<String, Throwable> failures) {
    Map<String, Throwable> found = new TreeMap<>();
    failures.forEach(
        (name, failure) -> {
          if (group.equals(needs.optionalGroupOf(name))) {
            found.put(name, failure);
          }
        });
    return found;
  }
}
