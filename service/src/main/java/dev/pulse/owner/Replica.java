package dev.pulse.owner;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

/** This replica's name in control records, logs and its producers' transactional ids. */
@ApplicationScoped
public class Replica {

    private final String name;

    Replica(OwnersConfig config) {
        this.name = config.replicaId().orElseGet(Replica::hostAndPid);
    }

    /** {@code pulse.owners.replica-id}, else host name and process id. */
    public String name() {
        return name;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
