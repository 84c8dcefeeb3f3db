package esdocs.realengines;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Starts a real Elasticsearch or OpenSearch in this JVM, from the jars on the classpath, with the
 * test framework's MockNode (the only public way both engines offer to load plugins such as the
 * Netty 4 HTTP transport from the classpath rather than from a distribution's modules folder).
 *
 * Both engines are reached by reflection: OpenSearch forked Elasticsearch's node API, so one launcher
 * serves both, and every line of the matrix (Elasticsearch 7.17, 8.19, 9.x; OpenSearch 1.3, 2.19, 3.x), and
 * compiles without either engine; where a line differs (a renamed plugin class, MockNode taking PluginInfo,
 * a logging set-up step) the launcher looks for what the classpath has. Plugins: Netty 4 for both; for
 * Elasticsearch 8+ also ElasticsearchRootPlugin (GET /), for OpenSearch analysis-common and Painless.
 *
 * Usage: java -cp CLASSPATH esdocs.realengines.RealEngineLauncher --engine elasticsearch|opensearch
 *   --http-port PORT [--nodes N] [--home DIR] [--esql true]
 *
 * One node: it owns PORT. N nodes: N master-eligible data nodes (node-1..node-N) plus a
 * coordinating-only node "entry" that owns PORT, so that stopping any data node (say, the one that holds
 * a primary) never takes the cluster's address away.
 *
 * Control channel: lines on stdin. `stop-node NAME` answers `realengine: stopped NAME`; end of input
 * (the parent died or closed it) stops every node and exits. Everything the launcher says to its parent
 * starts with `realengine: ` on stdout; the engines' own logs go to stderr.
 */
public final class RealEngineLauncher {
    private static final String PREFIX = "realengine: ";
    private static final String ENTRY_NODE = "entry";

    private final PrintStream control;
    private final String engine;
    private final String pkg;
    private final Path home;
    private final Map<String, Object> nodes = new LinkedHashMap<>();
    /** Load X-Pack core and ES|QL (Elasticsearch only): off by default, as they change answers other tests compare. */
    private final boolean esql;

    private RealEngineLauncher(PrintStream control, String engine, Path home, boolean esql) {
        this.control = control;
        this.engine = engine;
        this.pkg = engine.equals("opensearch") ? "org.opensearch" : "org.elasticsearch";
        this.home = home;
        this.esql = esql;
    }

    public static void main(String[] args) throws Exception {
        // The engines log through log4j's console appender, which binds to System.out when first
        // configured: point it at stderr before that, so stdout carries only this launcher's lines.
        PrintStream control = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, String> opts = parseArgs(args);
        String engine = opts.getOrDefault("--engine", "elasticsearch");
        if (!engine.equals("elasticsearch") && !engine.equals("opensearch")) throw new IllegalArgumentException("unknown engine " + engine);
        int httpPort = Integer.parseInt(opts.getOrDefault("--http-port", "9200"));
        int dataNodes = Integer.parseInt(opts.getOrDefault("--nodes", "1"));
        Path home = opts.containsKey("--home") ? Path.of(opts.get("--home")) : Files.createTempDirectory("real-engine-");
        RealEngineLauncher launcher = new RealEngineLauncher(control, engine, home, "true".equals(opts.get("--esql")));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "real-engine-shutdown"));
        try {
            launcher.start(httpPort, dataNodes);
        } catch (Throwable e) {
            control.println(PREFIX + "failed " + rootMessage(e));
            e.printStackTrace();
            System.exit(1);
        }
        launcher.serveControlChannel();
        System.exit(0);
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i], args[i + 1]);
        return opts;
    }

    private void start(int httpPort, int dataNodes) throws Exception {
        configureLogging();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= dataNodes; i++) names.add("node-" + i);
        List<Integer> transportPorts = new ArrayList<>();
        for (int i = 0; i < dataNodes; i++) transportPorts.add(freePort());
        List<String> seedHosts = transportPorts.stream().map(p -> "127.0.0.1:" + p).toList();

        List<Map<String, Object>> specs = new ArrayList<>();
        for (int i = 0; i < dataNodes; i++) {
            Map<String, Object> s = baseSettings(names.get(i), dataNodes == 1 ? httpPort : freePort(), transportPorts.get(i));
            if (dataNodes == 1) {
                s.put("discovery.type", "single-node");
            } else {
                s.put("discovery.seed_hosts", seedHosts);
                s.put(initialMasterNodesSetting(), names);
            }
            specs.add(s);
        }
        if (dataNodes > 1) {
            Map<String, Object> entry = baseSettings(ENTRY_NODE, httpPort, freePort());
            entry.put("node.roles", List.of());
            entry.put("discovery.seed_hosts", seedHosts);
            specs.add(entry);
        }

        // Built one at a time: building a node is not thread-safe (OpenSearch's Painless fills a shared
        // lookup). Started together: master-eligible nodes wait for each other to elect a master.
        for (Map<String, Object> spec : specs) {
            Object node = createNode(spec);
            synchronized (nodes) {
                nodes.put((String) spec.get("node.name"), node);
            }
        }
        List<Object> created;
        synchronized (nodes) {
            created = new ArrayList<>(nodes.values());
        }
        ExecutorService pool = Executors.newFixedThreadPool(created.size());
        try {
            List<Future<Object>> started = new ArrayList<>();
            for (Object node : created) started.add(pool.submit(() -> node.getClass().getMethod("start").invoke(node)));
            for (int i = 0; i < specs.size(); i++) {
                started.get(i).get();
                control.println(PREFIX + "node " + specs.get(i).get("node.name") + " http " + specs.get(i).get("http.port"));
            }
        } finally {
            pool.shutdown();
        }
        control.println(PREFIX + "started " + engine + " " + String.join(",", nodes.keySet()));
    }

    /** OpenSearch 2+ names it cluster.initial_cluster_manager_nodes; OpenSearch 1 and Elasticsearch cluster.initial_master_nodes. */
    private String initialMasterNodesSetting() throws ClassNotFoundException {
        try {
            Class.forName(pkg + ".cluster.coordination.ClusterBootstrapService").getField("INITIAL_CLUSTER_MANAGER_NODES_SETTING");
            return "cluster.initial_cluster_manager_nodes";
        } catch (NoSuchFieldException e) {
            return "cluster.initial_master_nodes";
        }
    }

    /**
     * What the engines' test base classes do before the first log line, where the version has it:
     * Elasticsearch 7 registers its log4j plugins by package scan (loadLog4jPlugins; its test framework's
     * log4j2-test.properties names HeaderWarningAppender and %test_thread_info), Elasticsearch 8+ routes its
     * own logging API to log4j (configureESLogging). OpenSearch's jars ship their plugins' index and need neither.
     */
    private void configureLogging() throws ReflectiveOperationException {
        Class<?> configurator = Class.forName(pkg + ".common.logging.LogConfigurator");
        for (String name : List.of("loadLog4jPlugins", "configureESLogging")) {
            for (Method m : configurator.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) m.invoke(null);
            }
        }
    }

    private Map<String, Object> baseSettings(String name, int httpPort, int transportPort) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("cluster.name", "real-" + engine);
        s.put("node.name", name);
        s.put("path.home", home.resolve(name).toString());
        s.put("path.data", home.resolve(name).resolve("data").toString());
        s.put("path.logs", home.resolve(name).resolve("logs").toString());
        s.put("network.host", "127.0.0.1");
        s.put("http.port", String.valueOf(httpPort));
        s.put("transport.port", String.valueOf(transportPort));
        s.put("http.type", "netty4");
        s.put("transport.type", "netty4");
        // The machine's disk may be fuller than the default watermarks allow; shards must allocate anyway.
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        return s;
    }

    private Object createNode(Map<String, Object> spec) throws Exception {
        Files.createDirectories(Path.of((String) spec.get("path.home")));
        Class<?> settingsClass = Class.forName(pkg + ".common.settings.Settings");
        Object builder = settingsClass.getMethod("builder").invoke(null);
        Method put = builder.getClass().getMethod("put", String.class, String.class);
        Method putList = builder.getClass().getMethod("putList", String.class, List.class);
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            if (e.getValue() instanceof List<?> list) putList.invoke(builder, e.getKey(), list);
            else put.invoke(builder, e.getKey(), (String) e.getValue());
        }
        Object settings = builder.getClass().getMethod("build").invoke(builder);
        Class<?> mockNode = Class.forName(pkg + ".node.MockNode");
        return environmentConstructor(mockNode).newInstance(environmentArguments(settingsClass, settings));
    }

    /**
     * MockNode's public constructors prepare the node's environment through the test framework's
     * base test class (Elasticsearch's picks a transport port range there), whose static set-up refuses to
     * run as root and installs the test-only entitlements. Its private constructor takes a ready
     * environment instead, which this launcher prepares the way the public ones do, minus the test class.
     */
    private static Constructor<?> environmentConstructor(Class<?> mockNode) {
        for (Constructor<?> c : mockNode.getDeclaredConstructors()) {
            if (c.getParameterCount() > 0 && c.getParameterTypes()[0].getSimpleName().equals("Environment")) {
                c.setAccessible(true);
                return c;
            }
        }
        throw new IllegalStateException(mockNode.getName() + " has no constructor taking an Environment");
    }

    private Object[] environmentArguments(Class<?> settingsClass, Object settings) throws Exception {
        Class<?> preparer = Class.forName(pkg + ".node.InternalSettingsPreparer");
        Supplier<String> defaultNodeName = () -> "real_node";
        Object environment = preparer.getMethod("prepareEnvironment", settingsClass, Map.class, Path.class, Supplier.class)
            .invoke(null, settings, Map.of(), null, defaultNodeName);
        Constructor<?> c = environmentConstructor(Class.forName(pkg + ".node.MockNode"));
        Object[] args = new Object[c.getParameterCount()];
        args[0] = environment;
        for (int i = 1; i < args.length; i++) {
            Class<?> type = c.getParameterTypes()[i];
            if (type == java.util.Collection.class) args[i] = pluginArgument(c.getGenericParameterTypes()[i]);
            else if (type == boolean.class) args[i] = true; // forbidPrivateIndexSettings, as a real node
            else if (type == Closeable.class) args[i] = (Closeable) () -> {};
            else throw new IllegalStateException("unexpected MockNode parameter " + type.getName());
        }
        return args;
    }

    /**
     * The plugins as MockNode's constructor wants them: classes (Elasticsearch, OpenSearch 1 and 2), or, from
     * OpenSearch 3, PluginInfo descriptors, made as MockNode's public constructor makes them from classes.
     */
    private List<?> pluginArgument(java.lang.reflect.Type collectionType) throws ReflectiveOperationException {
        List<Class<?>> classes = plugins();
        java.lang.reflect.Type element = collectionType instanceof java.lang.reflect.ParameterizedType p ? p.getActualTypeArguments()[0] : Class.class;
        if (!(element instanceof Class<?> infoClass) || !infoClass.getSimpleName().equals("PluginInfo")) return classes;
        Class<?> version = Class.forName(pkg + ".Version");
        Object current = version.getField("CURRENT").get(null);
        Constructor<?> info = infoClass.getConstructor(String.class, String.class, String.class, version, String.class, String.class, String.class, List.class, boolean.class);
        List<Object> infos = new ArrayList<>();
        for (Class<?> plugin : classes) {
            // name, description, version, engine version, Java version, class name, custom folder, extended plugins, native controller
            infos.add(info.newInstance(plugin.getName(), "classpath plugin", "NA", current, "1.8", plugin.getName(), null, List.of(), false));
        }
        return infos;
    }

    /** The classpath plugins each engine gets; a missing optional one is skipped with a note. */
    private List<Class<?>> plugins() {
        List<String> required = new ArrayList<>();
        if (pkg.equals("org.opensearch")) {
            // OpenSearch 3 renamed its Netty module's plugin class.
            required.add(firstPresent("org.opensearch.transport.Netty4Plugin", "org.opensearch.transport.Netty4ModulePlugin"));
        } else {
            // Elasticsearch 8+ keeps it in org.elasticsearch.transport.netty4, 7.x in org.elasticsearch.transport.
            required.add(firstPresent("org.elasticsearch.transport.netty4.Netty4Plugin", "org.elasticsearch.transport.Netty4Plugin"));
            // 7.x serves GET / from the server itself (RestMainAction); 8+ from the unpublished rest-root module.
            if (!isPresent("org.elasticsearch.rest.action.RestMainAction")) required.add("esdocs.realengines.ElasticsearchRootPlugin");
        }
        List<String> optional = pkg.equals("org.opensearch")
            // OpenSearch 3 renamed both classes (…ModulePlugin).
            ? List.of(firstPresent("org.opensearch.analysis.common.CommonAnalysisPlugin", "org.opensearch.analysis.common.CommonAnalysisModulePlugin"),
                firstPresent("org.opensearch.painless.PainlessPlugin", "org.opensearch.painless.PainlessModulePlugin"),
                // _update_by_query, where the profile has the reindex module (the bulk-change bench's baseline).
                firstPresent("org.opensearch.index.reindex.ReindexPlugin", "org.opensearch.index.reindex.ReindexModulePlugin"))
            // ES|QL (POST /_query), with --esql true: X-Pack core (licence state), the ES|QL core and the ES|QL plugin.
            : esql ? List.of("esdocs.realengines.PerNodeXPackPlugin", "org.elasticsearch.xpack.esql.core.plugin.EsqlCorePlugin", "org.elasticsearch.xpack.esql.plugin.EsqlPlugin") : List.of();
        List<Class<?>> found = new ArrayList<>();
        for (String name : required) {
            try {
                found.add(Class.forName(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("plugin " + name + " is not on the classpath", e);
            }
        }
        for (String name : optional) {
            try {
                found.add(Class.forName(name));
            } catch (ClassNotFoundException e) {
                System.err.println("plugin " + name + " not on the classpath; starting without it");
            }
        }
        return found;
    }

    /** The first of these classes on the classpath, else the first (whose absence is then reported). */
    private static String firstPresent(String... classNames) {
        for (String name : classNames) if (isPresent(name)) return name;
        return classNames[0];
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, RealEngineLauncher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private void serveControlChannel() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals("stop-node")) {
                stopNode(words[1]);
            } else if (words.length == 1 && words[0].equals("stop")) {
                break;
            } else if (!line.isBlank()) {
                control.println(PREFIX + "error unknown command [" + line.trim() + "]");
            }
        }
        stopAll();
    }

    private void stopNode(String name) {
        Object node;
        synchronized (nodes) {
            node = nodes.remove(name);
        }
        if (node == null) {
            control.println(PREFIX + "error no running node [" + name + "]");
            return;
        }
        closeNode(node);
        control.println(PREFIX + "stopped " + name);
    }

    private void stopAll() {
        List<Object> running;
        synchronized (nodes) {
            running = new ArrayList<>(nodes.values());
            nodes.clear();
        }
        // The coordinating entry node was added last: close it first, then the data nodes.
        for (int i = running.size() - 1; i >= 0; i--) closeNode(running.get(i));
        deleteHome();
    }

    private static void closeNode(Object node) {
        try {
            node.getClass().getMethod("close").invoke(node);
            node.getClass().getMethod("awaitClose", long.class, TimeUnit.class).invoke(node, 20L, TimeUnit.SECONDS);
        } catch (ReflectiveOperationException e) {
            System.err.println("closing a node failed: " + rootMessage(e));
        }
    }

    private void deleteHome() {
        if (!Files.exists(home)) return;
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + home + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
