namespace Chitin.Security.Hosting;

/// <summary>Registers what guards a run: the approver (the permission engine), hook commands, redaction and the sandbox settings.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddChitinSecurity(this IServiceCollection services, IToolApprover approver, IAgentHooks hooks, ISecretRedactor redactor, SandboxSettings sandbox)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(approver ?? throw new ArgumentNullException(nameof(approver)));
        services.AddSingleton(hooks ?? throw new ArgumentNullException(nameof(hooks)));
        services.AddSingleton(redactor ?? throw new ArgumentNullException(nameof(redactor)));
        return services.AddSingleton(sandbox ?? throw new ArgumentNullException(nameof(sandbox)));
    }
}
