package vn.lienthong.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import vn.lienthong.registry.AgencyRegistry;

/**
 * The route files IT staff edit (routes/) load as they are: the templates, the pipeline, and one
 * file per agency, each naming an agency of config/agencies.yaml, with its folders defaulting to
 * data/agencies/&lt;id&gt;/. Routes are loaded, not started.
 */
class RouteFilesTest extends CamelTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true; // load only: the broker and the beans are not needed to check the files
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("lienthong.data", "/srv/lienthong/data");
        p.setProperty("lienthong.consumers", "4");
        p.setProperty("lienthong.axis.enabled", "false");
        p.setProperty("lienthong.axis.poll-ms", "5000");
        return p;
    }

    @Test
    void everyRouteFileLoadsAndEveryAgencyRouteNamesARegisteredAgency() throws Exception {
        CamelContext ctx = context();
        List<Path> files;
        try (Stream<Path> t = Files.list(Path.of("routes/templates")); Stream<Path> r = Files.list(Path.of("routes"))) {
            files = Stream.concat(t, r.filter(Files::isRegularFile)).filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        for (Path f : files) {
            Resource res = ResourceHelper.resolveMandatoryResource(ctx, "file:" + f.toAbsolutePath());
            PluginHelper.getRoutesLoader(ctx).loadRoutes(res);
        }
        List<RouteDefinition> routes = ((ModelCamelContext) ctx).getRouteDefinitions();
        AgencyRegistry registry = AgencyRegistry.load(Path.of("config/agencies.yaml"));
        assertTrue(routes.stream().anyMatch(r -> "record".equals(r.getRouteId())), "the pipeline's record route");
        for (var agency : registry.all()) {
            RouteDefinition pickup = routes.stream().filter(r -> ("file-pickup-" + agency.id()).equals(r.getRouteId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no pickup route for " + agency.id()));
            var params = pickup.getTemplateParameters();
            assertEquals(agency.id(), params.get("agency"));
            String outbox = String.valueOf(params.get("outbox")).replace("{{agency}}", agency.id());
            assertEquals("/srv/lienthong/data/agencies/" + agency.id() + "/outbox", ctx.resolvePropertyPlaceholders(outbox));
            long delivery = routes.stream().filter(r -> ("file-drop-" + agency.id()).equals(r.getRouteId())
                    || ("mailbox-" + agency.id()).equals(r.getRouteId())).count();
            assertEquals(1, delivery, "exactly one way to put documents into the hands of " + agency.id() + " (file-drop or mailbox)");
        }
        for (RouteDefinition r : routes) {
            String id = r.getRouteId();
            if (id != null && (id.startsWith("file-") || id.startsWith("mailbox-"))) {
                String agency = id.replaceFirst("^(file-pickup|file-drop|mailbox)-", "");
                assertTrue(registry.contains(agency), id + " names an agency missing from config/agencies.yaml");
            }
        }
    }
}
