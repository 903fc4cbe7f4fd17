using KenpoBot.Assistant.Plugins;
using KenpoBot.Assistant.Telemetry;
using Microsoft.SemanticKernel;

namespace KenpoBot.Assistant;

/// <summary>Builds the one Kernel both planners call: the plugins are registered here, once.</summary>
public static class KernelFactory
{
    public static Kernel Create(KnowledgePlugin knowledge, GlossaryPlugin glossary, KpiPlugin kpi, KpiDataPlugin kpiData)
    {
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddFromObject(knowledge, KnowledgePlugin.Name);
        builder.Plugins.AddFromObject(glossary, GlossaryPlugin.Name);
        builder.Plugins.AddFromObject(kpi, KpiPlugin.Name);
        builder.Plugins.AddFromObject(kpiData, KpiDataPlugin.Name);
        var kernel = builder.Build();
        kernel.FunctionInvocationFilters.Add(new ToolCallTracing());
        return kernel;
    }
}
