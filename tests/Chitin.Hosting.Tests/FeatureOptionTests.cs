using Chitin.Hosting.Configuration;

namespace Chitin.Hosting.Tests;

/// <summary>Options a feature declares (memory, skills) are checked by the feature and reported with file, line and key at start.</summary>
public sealed class FeatureOptionTests
{
    [Theory]
    [InlineData("memory", "digestTokens", "\"lots\"", "memory.digestTokens must be a whole number of tokens from 0 (no digest) to 4000, got \"lots\"")]
    [InlineData("memory", "embeddingBaseUrl", "\"not a url\"", "memory.embeddingBaseUrl must be an absolute http(s) URL")]
    [InlineData("skills", "indexTokens", "5", "skills.indexTokens must be a whole number of tokens from 100 to 20000, got 5")]
    [InlineData("skills", "autoDistill", "\"sometimes\"", "skills.autoDistill must be true or false")]
    public void An_invalid_feature_option_fails_at_start_naming_the_file_the_line_and_the_key(string section, string key, string value, string message)
    {
        using var folder = new HostFolder();
        var home = Path.Combine(folder.Root, "home");
        Directory.CreateDirectory(home);
        var file = Path.Combine(home, "config.json");
        File.WriteAllText(file, $"{{\n  \"model\": \"m\",\n  \"{section}\": {{\n    \"enabled\": true,\n    \"{key}\": {value}\n  }}\n}}\n");
        var context = new HostContext { Environment = new Dictionary<string, string> { ["CHITIN_HOME"] = home, ["HOME"] = folder.Root }, WorkingDirectory = folder.Workspace };

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(context));

        var issue = Assert.Single(error.Issues);
        Assert.Equal(file, issue.Source);
        Assert.Equal(5, issue.Line);
        Assert.Equal($"{section}.{key}", issue.Key);
        Assert.Contains(message, issue.Message, StringComparison.Ordinal);
        Assert.Contains($"{file} line 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_feature_options_are_bound_by_the_feature()
    {
        using var folder = new HostFolder();
        var home = Path.Combine(folder.Root, "home");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "config.json"), """{ "memory": { "digestTokens": 900, "capture": false }, "skills": { "indexTokens": "2500", "autoDistill": true } }""");
        var context = new HostContext { Environment = new Dictionary<string, string> { ["CHITIN_HOME"] = home, ["HOME"] = folder.Root }, WorkingDirectory = folder.Workspace };

        var config = ConfigLoader.Load(context);

        Assert.Equal(900, config.Memory.DigestTokens);
        Assert.False(config.Memory.Capture);
        Assert.Equal(2_500, config.Skills.IndexTokens);
        Assert.True(config.Skills.AutoDistill);
    }
}
