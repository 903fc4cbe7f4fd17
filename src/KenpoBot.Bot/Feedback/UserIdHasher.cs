using System.Security.Cryptography;
using System.Text;
using KenpoBot.Bot.Protocol;

namespace KenpoBot.Bot.Feedback;

/// <summary>
/// The user as the feedback log knows them: HMAC-SHA-256 (a salted SHA-256) of the channel and the Entra object id, else the
/// channel's user id. The same person gets the same hash; the raw id is never stored.
/// </summary>
public sealed class UserIdHasher(byte[] key)
{
    public string Hash(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Hash(UserRateLimiter.UserOf(activity));
    }

    public string Hash(string user) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(user)));
}
