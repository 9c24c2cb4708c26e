using Chitin.Core.Safety;
using Chitin.Gateway.Security;

namespace Chitin.Gateway.Tests;

/// <summary>A token rotated from the web UI is masked from then on wherever the gateway redacts, and so is the old one.</summary>
public sealed class TokenRotationRedactionTests
{
    [Fact]
    public void Replacing_the_token_teaches_the_redactor_the_new_one()
    {
        const string Old = "old-gateway-token-0123456789";
        const string New = "new-gateway-token-abcdefghij";
        var redactor = new GatewayTokenRedactor(NoRedaction.Instance);
        redactor.Remember(Old);
        var security = new GatewaySecurity(Old, [], redactor.Remember);

        Assert.Equal("[REDACTED:gateway-token] " + New, redactor.Redact(Old + " " + New));
        security.Replace(New);

        Assert.Equal(New, security.Token);
        Assert.Equal("[REDACTED:gateway-token] [REDACTED:gateway-token]", redactor.Redact(Old + " " + New));
    }
}
