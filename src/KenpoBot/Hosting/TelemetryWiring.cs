using KenpoBot.Assistant.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KenpoBot.Hosting;

/// <summary>
/// OpenTelemetry export over OTLP, registered only when OTEL_EXPORTER_OTLP_ENDPOINT is set: without it no provider, no
/// listener and no exporter exist, so nothing leaves the machine. The exporter reads the other OTEL_EXPORTER_OTLP_* variables
/// (protocol, headers) itself. Logs go the same way, filtered as the console's are: the question's text is logged at Debug only.
/// </summary>
public static class TelemetryWiring
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration, bool server)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable])) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(KenpoTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(KenpoTelemetry.Name).AddHttpClientInstrumentation().AddOtlpExporter();
                if (server) tracing.AddAspNetCoreInstrumentation();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(KenpoTelemetry.Name).AddHttpClientInstrumentation().AddOtlpExporter();
                if (server) metrics.AddAspNetCoreInstrumentation();
            })
            .WithLogging(logging => logging.AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// A command-line verb never starts its host, so the providers (created by a hosted service in a server) are made here;
    /// disposing the host flushes what they hold.
    /// </summary>
    public static void Start(IServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<LoggerProvider>();
    }
}
