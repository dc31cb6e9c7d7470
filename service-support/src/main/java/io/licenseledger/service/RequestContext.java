package io.licenseledger.service;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;

/**
 * Who caused a request and its correlation id (rule AU2), as the filters found them. Commands carry both as
 * metadata; Axon copies them onto every event the command produces.
 */
public final class RequestContext {

    public static final String CORRELATION_ID = "correlationId";
    public static final String ACTOR = "actor";

    private RequestContext() {
    }

    public static String correlationId(HttpServletRequest request) {
        Object id = request.getAttribute(CORRELATION_ID);
        return id == null ? "none" : id.toString();
    }

    public static String actor(HttpServletRequest request) {
        Object actor = request.getAttribute(ACTOR);
        return actor == null ? "anonymous" : actor.toString();
    }

    public static void setActor(HttpServletRequest request, String actor) {
        request.setAttribute(ACTOR, actor);
    }

    public static Map<String, String> metaData(HttpServletRequest request) {
        return Map.of(CORRELATION_ID, correlationId(request), ACTOR, actor(request));
    }
}
