using System.Threading.RateLimiting;
using KenpoBot.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace KenpoBot.Bot;

/// <summary>
/// The per-user limit on questions (<see cref="RateLimitOptions"/>): one token bucket per channel and user (the Entra object
/// id when Teams sends it, otherwise the channel's user id). A bucket that has refilled is dropped after a few idle seconds,
/// so memory follows the users active in the last moments, not every user ever seen.
/// </summary>
public sealed class UserRateLimiter : IDisposable
{
    public const string Refusal = "短時間に多くの質問が届いたため、少し待ってからもう一度お試しください。";

    private readonly PartitionedRateLimiter<Activity>? limiter;

    public UserRateLimiter(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        if (o.PermitsPerMinute == 0) return;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / o.PermitsPerMinute,
            QueueLimit = 0,
        };
        limiter = PartitionedRateLimiter.Create<Activity, string>(activity => RateLimitPartition.GetTokenBucketLimiter(UserOf(activity), _ => bucket));
    }

    /// <summary>Takes one permit for the sender of <paramref name="activity"/>; false when they are past the limit.</summary>
    public bool TryAcquire(Activity activity)
    {
        if (limiter is null) return true;
        using var lease = limiter.AttemptAcquire(activity);
        return lease.IsAcquired;
    }

    public static string UserOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var user = activity.From?.AadObjectId is { Length: > 0 } aad ? aad.ToLowerInvariant() : activity.From?.Id ?? "";
        return string.Concat(activity.ChannelId, "/", user);
    }

    public void Dispose() => limiter?.Dispose();
}
