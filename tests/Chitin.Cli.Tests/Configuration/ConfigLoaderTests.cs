using Chitin.Cli.Configuration;
using Chitin.Hosting.Configuration;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private ChitinConfig Load(ConfigOverrides? overrides = null) =>
        ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null), overrides);

    [Fact]
    public void Each_layer_overrides_the_one_below_flag_env_project_user_default()
    {
        var defaults = Load();
        Assert.Null(defaults.Model);
        Assert.Equal(50, defaults.Limits.MaxSteps);

        _sandbox.WriteUserConfig("""{ "model": "user-model", "limits": { "maxSteps": 11, "maxTokens": 1000 } }""");
        var user = Load();
        Assert.Equal("user-model", user.Model);
        Assert.Equal(11, user.Limits.MaxSteps);
        Assert.StartsWith("user config", user.ModelSource, StringComparison.Ordinal);

        _sandbox.WriteProjectConfig("""{ "model": "project-model", "limits": { "maxSteps": 12 } }""");
        _sandbox.TrustWorkspace();
        var project = Load();
        Assert.Equal("project-model", project.Model);
        Assert.Equal(12, project.Limits.MaxSteps);
        Assert.Equal(1000, project.Limits.MaxTokens); // keys the project file does not set still come from the user file

        _sandbox.Environment["CHITIN_MODEL"] = "env-model";
        var environment = Load();
        Assert.Equal("env-model", environment.Model);
        Assert.Equal("CHITIN_MODEL", environment.ModelSource);
        Assert.Equal(12, environment.Limits.MaxSteps);

        var flags = Load(new ConfigOverrides { Model = "flag-model", MaxSteps = 14 });
        Assert.Equal("flag-model", flags.Model);
        Assert.Equal(14, flags.Limits.MaxSteps);
        Assert.Equal("command line", flags.ModelSource);
    }

    [Fact]
    public void Wrong_value_type_names_file_line_and_key()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "model": "m",
              "limits": {
                "maxSteps": "ten"
              }
            }
            """);

        var error = Assert.Throws<ConfigException>(() => Load());

        var issue = Assert.Single(error.Issues);
        Assert.Equal(_sandbox.UserConfigFile, issue.Source);
        Assert.Equal(4, issue.Line);
        Assert.Equal("limits.maxSteps", issue.Key);
        Assert.Equal($"config error in {_sandbox.UserConfigFile} line 4: limits.maxSteps must be a positive integer, got \"ten\"", issue.Format("error"));
    }

    [Fact]
    public void Every_error_of_every_file_is_reported_at_once()
    {
        _sandbox.WriteUserConfig("""{ "limits": { "maxSteps": 0 } }""");
        _sandbox.WriteProjectConfig(
            """
            {
              "provider": { "kind": "azure", "baseUrl": "not a url" },
              "prices": { "m*": { "input": -1 } }
            }
            """);

        var error = Assert.Throws<ConfigException>(() => Load());

        Assert.Contains(error.Issues, i => i.Source == _sandbox.UserConfigFile && i.Key == "limits.maxSteps" && i.Message.Contains("got 0", StringComparison.Ordinal));
        Assert.Contains(error.Issues, i => i.Source == _sandbox.ProjectConfigFile && i.Line == 2 && i.Key == "provider.kind");
        Assert.Contains(error.Issues, i => i.Source == _sandbox.ProjectConfigFile && i.Line == 2 && i.Key == "provider.baseUrl");
        Assert.Contains(error.Issues, i => i.Key == "prices.m*.input" && i.Line == 3);
        Assert.Contains(error.Issues, i => i.Key == "prices.m*" && i.Message.Contains("\"output\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Syntax_error_reports_line_column_and_the_key_being_read()
    {
        _sandbox.WriteProjectConfig(
            """
            {
              "model": "m",
              "limits": { "maxSteps": 5
              "provider": {}
            }
            """);

        var error = Assert.Throws<ConfigException>(() => Load());

        var issue = Assert.Single(error.Issues);
        Assert.Equal(_sandbox.ProjectConfigFile, issue.Source);
        Assert.Equal(4, issue.Line);
        Assert.True(issue.Column > 0);
        Assert.Equal("limits", issue.Key);
        Assert.Contains("invalid JSON", issue.Message, StringComparison.Ordinal);
        Assert.Contains($"{_sandbox.ProjectConfigFile} line 4 column", issue.Format("error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{ \"model\": \"a\", \"MODEL\": \"b\" }", "appears twice")]
    public void Unusable_file_shapes_are_explained(string content, string expected)
    {
        _sandbox.WriteUserConfig(content);

        var error = Assert.Throws<ConfigException>(() => Load());

        Assert.Contains(expected, Assert.Single(error.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_trailing_commas_and_numeric_strings_are_accepted()
    {
        _sandbox.WriteUserConfig(
            """
            // user settings
            {
              /* the model */ "model": "m1",
              "limits": { "maxSteps": "7", "maxWallClockSeconds": 90.5, },
            }
            """);

        var config = Load();

        Assert.Equal("m1", config.Model);
        Assert.Equal(7, config.Limits.MaxSteps);
        Assert.Equal(TimeSpan.FromSeconds(90.5), config.Limits.MaxWallClock);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Unknown_keys_are_warnings_that_name_the_key_and_line()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "model": "m",
              "colour": "blue",
              "limits": { "maxStep": 3 }
            }
            """);

        var config = Load();

        Assert.Equal("m", config.Model);
        Assert.Contains(config.Warnings, w => w.Key == "colour" && w.Line == 3 && w.Message.Contains("unknown key 'colour'", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.Key == "limits.maxStep" && w.Line == 4 && w.Message.Contains("maxSteps", StringComparison.Ordinal));
    }

    [Fact]
    public void Api_key_in_a_project_file_is_ignored_with_a_warning_but_allowed_in_the_user_file()
    {
        _sandbox.WriteUserConfig("""{ "provider": { "apiKey": "user-secret" } }""");
        _sandbox.WriteProjectConfig("""{ "provider": { "apiKey": "project-secret" } }""");

        var config = Load();

        Assert.Equal("user-secret", config.Provider.ApiKey);
        Assert.Equal("user config", config.Provider.ApiKeySource);
        Assert.Equal("set (from user config)", config.Provider.DescribeApiKey());
        var warning = Assert.Single(config.Warnings);
        Assert.Equal(_sandbox.ProjectConfigFile, warning.Source);
        Assert.Contains("ignored", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", config.Provider.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Openai_environment_selects_openai_and_wins_over_file_settings()
    {
        _sandbox.WriteUserConfig("""{ "provider": { "kind": "openai", "baseUrl": "https://file.example/v1", "apiKey": "file-key" } }""");
        _sandbox.Environment["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1";
        _sandbox.Environment["OPENAI_API_KEY"] = "env-key";

        var provider = Load().Provider;

        Assert.Equal(ProviderKinds.OpenAI, provider.Kind);
        Assert.Equal("http://127.0.0.1:9/v1", provider.BaseUrl);
        Assert.Equal("OPENAI_BASE_URL", provider.BaseUrlSource);
        Assert.Equal("env-key", provider.ApiKey);
        Assert.Equal("set (from OPENAI_API_KEY)", provider.DescribeApiKey());
    }

    [Fact]
    public void Anthropic_environment_alone_switches_provider_and_drops_the_files_openai_endpoint()
    {
        _sandbox.WriteUserConfig("""{ "provider": { "kind": "openai", "baseUrl": "https://file.example/v1", "apiKey": "openai-file-key" } }""");
        _sandbox.Environment["ANTHROPIC_API_KEY"] = "anthropic-key";

        var provider = Load().Provider;

        Assert.Equal(ProviderKinds.Anthropic, provider.Kind);
        Assert.Equal("https://api.anthropic.com", provider.BaseUrl);
        Assert.Equal("anthropic-key", provider.ApiKey);
        Assert.Equal("ANTHROPIC_API_KEY", provider.ApiKeySource);
    }

    [Theory]
    [InlineData(null, ProviderKinds.OpenAI, "http://openai.local/v1")]
    [InlineData("anthropic", ProviderKinds.Anthropic, "http://anthropic.local")]
    [InlineData("openai", ProviderKinds.OpenAI, "http://openai.local/v1")]
    public void With_both_families_in_the_environment_the_config_kind_decides(string? configuredKind, string expectedKind, string expectedUrl)
    {
        if (configuredKind is not null)
        {
            _sandbox.WriteUserConfig($$"""{ "provider": { "kind": "{{configuredKind}}" } }""");
        }

        _sandbox.Environment["OPENAI_BASE_URL"] = "http://openai.local/v1";
        _sandbox.Environment["ANTHROPIC_BASE_URL"] = "http://anthropic.local";

        var provider = Load().Provider;

        Assert.Equal(expectedKind, provider.Kind);
        Assert.Equal(expectedUrl, provider.BaseUrl);
    }

    [Fact]
    public void Api_key_env_names_the_variable_that_holds_the_key()
    {
        _sandbox.WriteProjectConfig("""{ "provider": { "kind": "openai", "baseUrl": "https://router.example/api/v1", "apiKeyEnv": "ROUTER_KEY" } }""");
        _sandbox.TrustWorkspace();
        _sandbox.Environment["ROUTER_KEY"] = "router-key";

        var provider = Load().Provider;

        Assert.Equal("router-key", provider.ApiKey);
        Assert.Equal("set (from ROUTER_KEY)", provider.DescribeApiKey());
    }

    [Fact]
    public void Bad_base_url_in_the_environment_names_the_variable()
    {
        _sandbox.Environment["OPENAI_BASE_URL"] = "localhost:8000";

        var error = Assert.Throws<ConfigException>(() => Load());

        var issue = Assert.Single(error.Issues);
        Assert.Contains("OPENAI_BASE_URL", issue.Format("error"), StringComparison.Ordinal);
        Assert.Contains("localhost:8000", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_endpoint_without_a_key_is_a_config_error_but_a_named_endpoint_is_not()
    {
        var publicEndpoint = Load();
        var error = Assert.Throws<ConfigException>(publicEndpoint.RequireProvider);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);

        _sandbox.Environment["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1";
        Load().RequireProvider();
    }

    [Fact]
    public void Prices_merge_over_the_defaults_and_arrays_replace_whole()
    {
        _sandbox.WriteUserConfig("""{ "fallbackModels": ["a", "b", "c"], "prices": { "house-model*": { "input": 2, "output": 8 } } }""");
        _sandbox.WriteProjectConfig("""{ "fallbackModels": ["x"], "prices": { "gpt-5*": { "input": 9, "cachedInput": 1, "cacheWrite": 0, "output": 90 } } }""");

        var config = Load();

        Assert.Equal(["x"], config.FallbackModels);
        Assert.Equal(new Core.Metering.ModelPrice(2, 2, 2, 8), config.Prices.Find("house-model-large"));
        Assert.Equal(new Core.Metering.ModelPrice(9, 1, 0, 90), config.Prices.Find("gpt-5"));
        Assert.Equal(Core.Metering.PriceTable.Defaults.Find("claude-sonnet-4-5"), config.Prices.Find("claude-sonnet-4-5"));
    }

    [Fact]
    public void The_init_template_loads_without_errors_or_warnings_in_both_scopes()
    {
        _sandbox.WriteUserConfig(ConfigTemplate.For(ConfigScope.User));
        _sandbox.WriteProjectConfig(ConfigTemplate.For(ConfigScope.Project));

        var config = Load();

        Assert.Empty(config.Warnings);
        Assert.Equal("gpt-5-mini", config.Model);
        Assert.Equal(4, config.Provider.MaxRetries);
    }
}
