package io.github.nemosdk.testkit.internal;

import io.github.nemosdk.testkit.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches a request's method and path against routes declared with path templates such as
 * {@code /api/state/nemo_agent/me/{sid}/latest}, where {@code {name}} matches one non-empty path
 * segment. Immutable once built.
 */
final class Router {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Finds the route for {@code method} and {@code path}. */
    Match match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (route.method.equals(method)) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.paramNames.size(); i++) {
                    params.put(route.paramNames.get(i), m.group(i + 1));
                }
                return new Match(route, Collections.unmodifiableMap(params), Set.of());
            }
            allowed.add(route.method);
        }
        return new Match(null, Map.of(), Collections.unmodifiableSet(allowed));
    }

    /** The outcome of {@link #match}: a route, or a path known only for other methods, or nothing. */
    static final class Match {
        private final Route route;
        private final Map<String, String> pathParams;
        private final Set<String> allowedMethods;

        private Match(Route route, Map<String, String> pathParams, Set<String> allowedMethods) {
            this.route = route;
            this.pathParams = pathParams;
            this.allowedMethods = allowedMethods;
        }

        boolean found() {
            return route != null;
        }

        /** Methods the path accepts when {@link #found()} is false; empty for an unknown path. */
        Set<String> allowedMethods() {
            return allowedMethods;
        }

        Endpoint endpoint() {
            return route == null ? null : route.endpoint;
        }

        Handler handler() {
            return route.handler;
        }

        /** Whether the handler reads the body itself, as a stream (large uploads). */
        boolean streamsBody() {
            return route != null && route.streamsBody;
        }

        Map<String, String> pathParams() {
            return pathParams;
        }
    }

    private static final class Route {
        final String method;
        final Pattern pattern;
        final List<String> paramNames;
        final Endpoint endpoint;
        final Handler handler;
        final boolean streamsBody;

        Route(String method, String template, Endpoint endpoint, Handler handler, boolean streamsBody) {
            this.method = method;
            this.endpoint = endpoint;
            this.handler = handler;
            this.streamsBody = streamsBody;
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            Matcher m = PARAM.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            this.pattern = Pattern.compile(regex.toString());
            this.paramNames = List.copyOf(names);
        }
    }

    /** Collects routes; the first matching route wins. */
    static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        Builder route(String method, String pathTemplate, Endpoint endpoint, Handler handler) {
            routes.add(new Route(Objects.requireNonNull(method), Objects.requireNonNull(pathTemplate),
                    Objects.requireNonNull(endpoint), Objects.requireNonNull(handler), false));
            return this;
        }

        /**
         * A route whose handler reads the body as a stream ({@link Request#bodyStream()}) instead of
         * getting it read into memory first; for bodies of any size.
         */
        Builder streamingRoute(String method, String pathTemplate, Endpoint endpoint, Handler handler) {
            routes.add(new Route(Objects.requireNonNull(method), Objects.requireNonNull(pathTemplate),
                    Objects.requireNonNull(endpoint), Objects.requireNonNull(handler), true));
            return this;
        }

        Router build() {
            return new Router(routes);
        }
    }
}
