namespace Chitin.Providers.Routing;

/// <summary>What a failed call says about the endpoint, and whether another endpoint may take the call.</summary>
public static class ErrorClassifier
{
    public static ErrorClass Classify(ModelCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            429 => ErrorClass.RateLimited,
            401 or 403 => ErrorClass.Unauthorized,
            402 => ErrorClass.PaymentRequired,
            400 or 404 or 413 or 422 => ErrorClass.BadRequest,
            _ => ErrorClass.ServerError,
        };
    }

    /// <summary>A malformed request (400, 422) fails everywhere; everything else may work at another endpoint.</summary>
    public static bool AnotherEndpointMayHelp(ModelCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode is not (400 or 422);
    }
}
