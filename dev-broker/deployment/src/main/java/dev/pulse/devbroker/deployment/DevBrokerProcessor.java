package dev.pulse.devbroker.deployment;

import java.nio.file.Path;
import java.util.Map;

import org.jboss.logging.Logger;

import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Docker-free Dev Service: a real Kafka broker (KRaft) in the JVM for dev and test mode, handed to the
 * application as {@code kafka.bootstrap.servers}.
 */
class DevBrokerProcessor {

    private static final Logger LOG = Logger.getLogger(DevBrokerProcessor.class);
    static final String FEATURE = "pulse-dev-broker";
    static final String BOOTSTRAP = "kafka.bootstrap.servers";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep(onlyIf = IsDevServicesSupportedByLaunchMode.class)
    DevServicesResultBuildItem broker(DevBrokerConfig config, OutputTargetBuildItem target) {
        if (!config.enabled()) {
            LOG.debug("Pulse dev broker disabled by quarkus.pulse.dev-broker.enabled=false");
            return null;
        }
        if (ConfigUtils.isPropertyNonEmpty(BOOTSTRAP)) {
            LOG.debugf("Pulse dev broker not started: %s is set", BOOTSTRAP);
            return null;
        }
        Path dataDir = target.getOutputDirectory().resolve("pulse-dev-broker");
        return DevServicesResultBuildItem.owned()
                .feature(FEATURE)
                .serviceName(FEATURE)
                .serviceConfig(config.port() + "/" + config.partitions())
                .description("Apache Kafka broker (KRaft) in the JVM")
                .startable(() -> new EmbeddedBroker(dataDir, config.port(), config.partitions()))
                .configProvider(Map.of(BOOTSTRAP, EmbeddedBroker::getConnectionInfo))
                .build();
    }
}
