namespace Chitin.WebUi.Auth;

/// <summary>
/// What the UI needs from its host's front door: the current token, rotating it, and the failed-attempt limiter
/// the login form shares with bearer auth. The gateway implements it.
/// </summary>
public interface IWebAuthority
{
    /// <summary>The token logins must present; null when the gateway runs with auth "none".</summary>
    string? Token { get; }

    /// <summary>Replaces the token (file and memory) and returns the new one; every issued cookie stops working.</summary>
    /// <exception cref="InvalidOperationException">Auth is "none": there is no token to rotate.</exception>
    string RotateToken();

    /// <summary>How long the address must wait before trying again, or null when it may try.</summary>
    TimeSpan? RetryAfter(string address);

    void RecordFailure(string address);
}
