namespace Chitin.Skills.Hosting;

/// <summary>Registers the "skills" section; discovery runs when a run first reads the skills index.</summary>
public static class SkillsServiceCollectionExtensions
{
    public static IServiceCollection AddChitinSkills(this IServiceCollection services, SkillsSettings settings) =>
        services.AddFeatureOptions(settings);
}
