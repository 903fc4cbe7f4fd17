using System.Collections.Concurrent;

namespace KenpoBot.Bot;

/// <summary>
/// Names the resilience pipeline (retries, circuit breaker) of a connector request. The registry keeps every pipeline it
/// ever made, so only the first <see cref="Capacity"/> service hosts get one of their own and every later host shares
/// <see cref="Shared"/>: new host:port pairs cannot grow the bot's memory without bound.
/// </summary>
public sealed class ConnectorPipelineKeys
{
    public const string Shared = "(shared)";

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public ConnectorPipelineKeys() : this(64)
    {
    }

    public ConnectorPipelineKeys(int capacity) => Capacity = capacity;

    public int Capacity { get; }

    /// <summary>How many hosts have a pipeline of their own.</summary>
    public int Count => _known.Count;

    public string For(Uri? requestUri)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri) return Shared;
        var authority = requestUri.GetLeftPart(UriPartial.Authority);
        if (_known.ContainsKey(authority)) return authority;
        lock (_gate)
        {
            if (_known.Count >= Capacity) return Shared;
            _known.TryAdd(authority, 0);
            return authority;
        }
    }
}
