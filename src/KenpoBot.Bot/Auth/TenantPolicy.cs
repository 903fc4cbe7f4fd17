using KenpoBot.Bot.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot.Auth;

/// <summary>
/// Which Microsoft 365 tenants may talk to the bot. Any tenant can side-load an app with this bot id and get valid channel
/// tokens, so <see cref="BotSecurityOptions.AllowedTenants"/> (for a SingleTenant bot: its own tenant) closes the door.
/// </summary>
public sealed partial class TenantPolicy
{
    private readonly HashSet<Guid>? _allowed;
    private readonly ILogger<TenantPolicy> _logger;

    public TenantPolicy(IOptions<BotAuthenticationOptions> identity, IOptions<BotSecurityOptions> security, ILogger<TenantPolicy> logger)
    {
        _logger = logger;
        var listed = security.Value.AllowedTenants;
        if (listed.Count == 0 && identity.Value.MicrosoftAppType == BotAppType.SingleTenant) listed = [identity.Value.MicrosoftAppTenantId];
        _allowed = listed.Count == 0 ? null : [.. listed.Select(t => Guid.TryParse(t, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)];
    }

    /// <summary>True when no restriction applies, or every tenant id the activity names is allowed (and it names one).</summary>
    public bool Admits(Activity activity)
    {
        if (_allowed is null) return true;
        var ids = ActivityTenant.Ids(activity);
        var admitted = ids.Count > 0 && ids.All(id => Guid.TryParse(id, out var g) && _allowed.Contains(g));
        if (!admitted) LogRefused(_logger, activity.ChannelId, string.Join(", ", ids));
        return admitted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from channel {ChannelId}: tenant '{TenantIds}' is not in KenpoBot:AllowedTenants")]
    private static partial void LogRefused(ILogger logger, string? channelId, string tenantIds);
}
