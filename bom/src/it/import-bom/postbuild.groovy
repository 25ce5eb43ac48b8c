// Runs after the user project built. Importing a BOM imports its whole effective
// dependencyManagement, parent included: logctx-bom must hand users the versions of logctx
// artifacts and of nothing else (no slf4j, logback, JUnit... of ours), so it has no parent, manages
// only dev.logctx artifacts and imports no other BOM.
def pomFile = new File(localRepositoryPath, "dev/logctx/logctx-bom/${bomVersion}/logctx-bom-${bomVersion}.pom")
assert pomFile.isFile() : "BOM not installed at ${pomFile}"
def pom = new groovy.xml.XmlSlurper().parse(pomFile)

assert pom.parent.isEmpty() : "logctx-bom must not have a parent: its users would import the parent's dependencyManagement"
def managed = pom.dependencyManagement.dependencies.dependency
assert managed.size() > 0 : 'logctx-bom manages no artifact'
managed.each { d ->
  def id = "${d.groupId.text()}:${d.artifactId.text()}"
  assert d.groupId.text() == 'dev.logctx' : "logctx-bom must manage only logctx artifacts, found ${id}"
  assert d.scope.text() != 'import' : "logctx-bom must not import another BOM, found ${id}"
}
assert pom.dependencies.dependency.isEmpty() : 'logctx-bom must not declare dependencies'

// Every published module of the build is in the BOM: a module of the root pom is published unless
// it is a pom or sets maven.deploy.skip (the demos, the benchmarks).
def managedIds = managed.collect { it.artifactId.text() } as Set
def root = new groovy.xml.XmlSlurper().parse(new File(reactorRoot, 'pom.xml'))
def published = root.modules.module.collect { new File(reactorRoot, "${it.text()}/pom.xml") }
    .collect { new groovy.xml.XmlSlurper().parse(it) }
    .findAll { (it.packaging.text() ?: 'jar') != 'pom' && it.properties.'maven.deploy.skip'.text() != 'true' }
    .collect { it.artifactId.text() }
assert !published.isEmpty()
def missing = published.findAll { !managedIds.contains(it) }
assert missing.isEmpty() : "published modules missing from logctx-bom: ${missing}"

// The user project really compiled against logctx-api.
assert new File(basedir, 'target/classes/com/example/app/OrderService.class').isFile()
true
