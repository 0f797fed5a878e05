import Configuration
import Diagnostics
import Foundation
import Testing
import TestSupport

@Suite struct MavenProjectTests {
    /// Shaped like the story's sample repository (aws-samples/amazon-redshift-devops-blog): Redshift's JDBC driver as
    /// a dependency, the Flyway plugin bound to process-resources, migrations in the Maven layout; plus the
    /// `<configuration>` block other Maven projects keep their settings in.
    static let pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <groupId>com.example</groupId>
            <artifactId>warehouse</artifactId>
            <version>2.3</version>
            <properties>
                <flyway.version>8.0.2</flyway.version>
                <db.schema>sales</db.schema>
                <db.history>${db.schema}_history</db.history>
            </properties>
            <build>
                <plugins>
                    <plugin>
                        <groupId>org.flywaydb</groupId>
                        <artifactId>flyway-maven-plugin</artifactId>
                        <version>${flyway.version}</version>
                        <configuration>
                            <url>jdbc:redshift://${env.TEST_HOST}:5439/dev</url>
                            <user>${env.TEST_JDBC_USER}</user>
                            <password>${env.TEST_JDBC_PASSWORD}</password>
                            <schemas>
                                <schema>${db.schema}</schema>
                                <schema>staging</schema>
                            </schemas>
                            <table>${db.history}</table>
                            <baselineOnMigrate>true</baselineOnMigrate>
                            <placeholders>
                                <Owner>etl_${project.version}</Owner>
                            </placeholders>
                        </configuration>
                        <executions>
                            <execution>
                                <phase>process-resources</phase>
                                <goals><goal>migrate</goal></goals>
                            </execution>
                        </executions>
                    </plugin>
                </plugins>
            </build>
            <dependencies>
                <dependency>
                    <groupId>com.amazon.redshift</groupId>
                    <artifactId>redshift-jdbc42</artifactId>
                    <version>2.1.0.28</version>
                </dependency>
            </dependencies>
        </project>
        """

    static let environment = ["TEST_HOST": "cluster.example.com", "TEST_JDBC_USER": "awsuser", "TEST_JDBC_PASSWORD": "S3cret-pass"]

    @Test("reads the flyway-maven-plugin configuration with ${property}, ${env.X} and ${project.version} resolved")
    func readsPluginConfiguration() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pom.xml", Self.pom)
        try directory.write("src/main/resources/db/migration/V1__init.sql", "SELECT 1;\n")
        let settings = try load(environment: Self.environment, in: directory)
        let database = try #require(settings.database)
        #expect(database["host"] == "cluster.example.com")
        #expect(database["user"] == "awsuser")
        #expect(database["password"] == "S3cret-pass")
        #expect(settings.schemas == ["sales", "staging"])
        #expect(settings.table == "sales_history")
        #expect(settings.baselineOnMigrate)
        #expect(settings.placeholders == ["owner": "etl_2.3"])
        #expect(settings.locations == ["src/main/resources/db/migration"])
        #expect(settings.dialect == .redshift)
        #expect(settings.secrets.contains("S3cret-pass"))
        #expect(settings.warnings.isEmpty)
    }

    @Test("a pom that depends on Redshift's JDBC driver means Redshift, even with no database configured")
    func redshiftDependencyAlone() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pom.xml", """
            <project><dependencies><dependency>
              <groupId>com.amazon.redshift</groupId><artifactId>redshift-jdbc42</artifactId>
            </dependency></dependencies></project>
            """)
        let settings = try load(in: directory)
        #expect(settings.dialect == .redshift)
        #expect(settings.database == nil)
        #expect(try load(["dialect": "postgresql"], in: directory).dialect == .postgresql)
    }

    @Test("FLYWAY_* variables win over the pom, as in the Maven plugin")
    func environmentWins() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pom.xml", Self.pom)
        var environment = Self.environment
        environment["FLYWAY_URL"] = "jdbc:redshift://other.example.com:5439/prod"
        environment["FLYWAY_TABLE"] = "from_env"
        let settings = try load(environment: environment, in: directory)
        #expect(settings.database?["host"] == "other.example.com")
        #expect(settings.table == "from_env")
    }

    @Test("flyway.* properties of the pom are settings over the plugin's configuration; flyway.version is not one")
    func flywayProperties() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pom.xml", """
            <project>
              <properties><flyway.version>9.0</flyway.version><flyway.table>from_property</flyway.table></properties>
              <build><plugins><plugin>
                <artifactId>flyway-maven-plugin</artifactId>
                <configuration><table>from_configuration</table><locations><location>filesystem:sql</location></locations></configuration>
              </plugin></plugins></build>
            </project>
            """)
        let settings = try load(in: directory)
        #expect(settings.table == "from_property")
        #expect(settings.locations == ["sql"])
        #expect(settings.warnings.isEmpty)
    }

    @Test("a pom that is not well-formed XML is an error at its line")
    func malformedPom() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pom.xml", "<project>\n  <build>\n</project>\n")
        let errors = loadErrors(in: directory)
        #expect(errors.map(\.code) == ["xml-syntax"])
        #expect(errors.first?.location?.file == "pom.xml")
        #expect((errors.first?.location?.line ?? 0) >= 2)
    }

    @Test("db/migration, when it exists, stays the default location over the Maven layout")
    func projectLayoutWins() throws {
        let directory = try TemporaryDirectory()
        try directory.write("db/migration/V1__a.sql", "SELECT 1;\n")
        try directory.write("src/main/resources/db/migration/V1__a.sql", "SELECT 1;\n")
        #expect(try load(in: directory).locations == ["db/migration"])
    }

    @Test("a password the pom gives stays a secret when flyway.conf overrides it")
    func overriddenPasswordStaysSecret() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pom.xml", Self.pom)
        try directory.write("flyway.conf", "flyway.password=conf-pass\nflyway.configFiles=other.conf\n")
        let settings = try load(environment: Self.environment, in: directory)
        #expect(settings.database?["password"] == "conf-pass")
        #expect(Set(settings.secrets) == ["S3cret-pass", "conf-pass"])
        #expect(settings.warnings.map(\.code) == ["no-effect"])
    }

    @Test("classpath:db/migration in a Maven project is src/main/resources/db/migration")
    func classpathLocation() throws {
        let directory = try TemporaryDirectory()
        try directory.write("src/main/resources/db/migration/V1__a.sql", "SELECT 1;\n")
        #expect(try load(["locations": "classpath:db/migration"], in: directory).locations == ["src/main/resources/db/migration"])
    }
}
