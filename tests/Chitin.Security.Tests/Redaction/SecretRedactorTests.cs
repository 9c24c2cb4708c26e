using System.Collections;
using System.Text;
using Chitin.Security.Redaction;

namespace Chitin.Security.Tests.Redaction;

public class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new();

    /// <summary>Secret-shaped strings are assembled at run time so that the repository holds no literal credential.</summary>
    private static string Fake(string prefix, int length, string alphabet = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", int seed = 7)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(prefix);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    public static TheoryData<string, string> Tokens() => new()
    {
        { Fake("sk" + "-", 48), "openai-key" },
        { Fake("sk" + "-proj-", 120, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-"), "openai-key" },
        { Fake("sk" + "-ant-api03-", 90, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-"), "anthropic-key" },
        { Fake("AK" + "IA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), "aws-access-key-id" },
        { Fake("AS" + "IA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), "aws-access-key-id" },
        { Fake("gh" + "p_", 36), "github-token" },
        { Fake("gh" + "o_", 36), "github-token" },
        { Fake("gh" + "s_", 36), "github-token" },
        { Fake("gh" + "u_", 36), "github-token" },
        { Fake("github" + "_pat_", 82, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_"), "github-token" },
        { Fake("gl" + "pat-", 20), "gitlab-token" },
        { Fake("xo" + "xb-", 50, "0123456789-abcdefghijk"), "slack-token" },
        { Fake("xo" + "xp-", 50, "0123456789-abcdefghijk"), "slack-token" },
        { Fake("AI" + "za", 35, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-"), "google-api-key" },
        { Fake("sk" + "_live_", 24), "stripe-key" },
        { Fake("rk" + "_live_", 24), "stripe-key" },
        { "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "jwt" },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Each_token_format_is_redacted_in_context(string secret, string kind)
    {
        var text = $"export VALUE=\"{secret}\"\nusing {secret} now, and again: ({secret}).";

        var redacted = Redactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Equal($"export VALUE=\"[REDACTED:{kind}]\"\nusing [REDACTED:{kind}] now, and again: ([REDACTED:{kind}]).", redacted);
    }

    [Fact]
    public void A_private_key_block_is_removed_whole()
    {
        var body = string.Join('\n', Enumerable.Range(0, 5).Select(i => Fake("", 64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", i)));
        var text = $"before\n-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----\nafter";

        Assert.Equal("before\n[REDACTED:private-key]\nafter", Redactor.Redact(text));
        Assert.Equal("x [REDACTED:private-key]", Redactor.Redact($"x -----BEGIN RSA PRIVATE KEY-----\n{body}"));
    }

    [Theory]
    [InlineData("curl -H 'Authorization: Bearer abc.DEF-123_456~xyz' http://h", "curl -H 'Authorization: Bearer [REDACTED:bearer-token]' http://h")]
    [InlineData("authorization: basic dXNlcjpwYXNzd29yZA==", "authorization: basic [REDACTED:bearer-token]")]
    [InlineData("postgres://app:s3cr3t-Pass@db:5432/main", "postgres://app:[REDACTED:url-password]@db:5432/main")]
    [InlineData("git clone https://bob:hunter22@git.example.com/r.git", "git clone https://bob:[REDACTED:url-password]@git.example.com/r.git")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = [REDACTED:aws-secret-key]")]
    [InlineData("DB_PASSWORD=hunter2hunter2", "DB_PASSWORD=[REDACTED:password]")]
    [InlineData("api_key: 'abcd1234efgh'", "api_key: '[REDACTED:api-key]'")]
    [InlineData("{\"client_secret\": \"x9y8z7w6v5u4\"}", "{\"client_secret\": \"[REDACTED:secret]\"}")]
    [InlineData("GITHUB_TOKEN=abcdef123456", "GITHUB_TOKEN=[REDACTED:token]")]
    [InlineData("passwd: Tr0ub4dor&3", "passwd: [REDACTED:password]")]
    public void Headers_urls_and_assignments_keep_their_names(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Fact]
    public void Ordinary_text_is_left_alone()
    {
        const string corpus = """
            commit 3f2c9a1b7d4e8f0a6c5b2e1d9f8a7b6c5d4e3f2a
            Merge: 1a2b3c4 5d6e7f8
            Author: Jane Doe <jane@example.com>
            Date:   Tue Mar 4 10:12:55 2025 +0100

                Fix token refresh when the password field is empty (#1234)

                Signed-off-by: Jane Doe <jane@example.com>

            diff --git a/src/auth/token_store.py b/src/auth/token_store.py
            index 8c1d2e3..4f5a6b7 100644
            -    token = get_token(user)
            +    token = self.refresh_token(user, scope="read")
            +    password = os.environ["DB_PASSWORD"]
            +    api_key = settings.openai_api_key
            +    secret: ${{ secrets.GITHUB_TOKEN }}
            +    max_tokens=4096 input_tokens: 12345678
            "node_modules/lodash": {
              "version": "4.17.21",
              "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",
              "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==",
              "dev": true
            },
            request 550e8400-e29b-41d4-a716-446655440000 took 12 ms; trace 7b4c2e9d-1f3a-4b5c-8d6e-9f0a1b2c3d4e
            base64: aGVsbG8= d29ybGQ= c2VjcmV0 dG9rZW4=
            paths: /home/u/.ssh/known_hosts ./src/sk-utils/index.ts ~/projects/task-runner-framework-v2/README.md
            pip install sk-learn-contrib-imbalanced-2024 scikit-learn==1.5.2
            https://user@github.com/org/repo.git ssh://git@github.com:22/org/repo.git http://[::1]:8080/health
            Password: ******** (unchanged)
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUEXAMPLE
            -----END CERTIFICATE-----
            eyJ is how JSON starts in base64; AKIA alone is a prefix; the word secretary and tokenizer.
            """;

        Assert.Equal(corpus, Redactor.Redact(corpus));
    }

    [Fact]
    public void Secret_environment_values_are_redacted_exactly()
    {
        var environment = new Hashtable
        {
            ["OPENAI_API_KEY"] = "plain-value-no-pattern-1",
            ["DB_PASSWORD_FILE"] = "/run/secrets/db",
            ["SERVICE_TOKEN"] = "tok",
            ["HOME"] = "/home/someone-long",
            ["PATH"] = "/usr/local/bin:/usr/bin",
        };

        var secrets = SecretRedactor.ExactSecretsFrom(environment);
        var redactor = new SecretRedactor(secrets);

        Assert.Equal(
            ["env:DB_PASSWORD_FILE", "env:OPENAI_API_KEY"],
            secrets.Select(s => s.Kind).Order(StringComparer.Ordinal));
        Assert.Equal(
            "key=[REDACTED:env:OPENAI_API_KEY] file=[REDACTED:env:DB_PASSWORD_FILE] home=/home/someone-long tok",
            redactor.Redact("key=plain-value-no-pattern-1 file=/run/secrets/db home=/home/someone-long tok"));
    }

    [Fact]
    public void Configured_values_are_redacted_longest_first()
    {
        var redactor = new SecretRedactor([new ExactSecret("correct-horse", "short"), new ExactSecret("correct-horse-battery", "long")]);

        Assert.Equal("[REDACTED:long] and [REDACTED:short].", redactor.Redact("correct-horse-battery and correct-horse."));
    }

    [Fact]
    public void A_configured_value_too_short_to_redact_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SecretRedactor([new ExactSecret("abc", "pin")]));
        Assert.Contains("'pin'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_200_kb_output_is_redacted_throughout_and_otherwise_unchanged()
    {
        var openai = Fake("sk" + "-", 48, seed: 1);
        var github = Fake("gh" + "p_", 36, seed: 2);
        var input = new StringBuilder();
        var expected = new StringBuilder();
        var line = 0;
        while (input.Length < 200 * 1024)
        {
            var plain = $"{line:D6} INFO worker-{line % 7} processed batch 3f2c9a1b{line:x8} in {line % 97} ms (user=/home/u/data/file-{line}.csv)\n";
            input.Append(plain);
            expected.Append(plain);
            if (line % 500 == 0)
            {
                input.Append($"retrying with key {openai} and {github}\n");
                expected.Append("retrying with key [REDACTED:openai-key] and [REDACTED:github-token]\n");
            }

            line++;
        }

        Assert.Equal(expected.ToString(), Redactor.Redact(input.ToString()));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("sk-")]
    [InlineData("eyJ")]
    [InlineData("eyJabcdefgh.")]
    [InlineData("://a:b")]
    [InlineData("password=")]
    [InlineData("Authorization: Bearer ")]
    [InlineData("-----BEGIN CERTIFICATE-----")]
    [InlineData("aws_secret_access_key=")]
    public async Task Adversarial_200_kb_inputs_finish(string unit)
    {
        var input = string.Concat(Enumerable.Repeat(unit, 200 * 1024 / unit.Length));

        // A hang guard, not a timing assertion: catastrophic backtracking would take hours.
        var redacted = await Task.Run(() => Redactor.Redact(input)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotNull(redacted);
    }

    [Fact]
    public void Empty_text_is_returned_as_is()
    {
        Assert.Equal("", Redactor.Redact(""));
    }

    [Fact]
    public void The_current_process_redactor_includes_its_secret_variables()
    {
        Environment.SetEnvironmentVariable("CHITIN_REDACTION_TEST_TOKEN", "process-secret-value-42");

        var redactor = SecretRedactor.ForCurrentProcess(["configured-secret-9"]);

        Assert.Equal(
            "[REDACTED:env:CHITIN_REDACTION_TEST_TOKEN] [REDACTED:configured-secret]",
            redactor.Redact("process-secret-value-42 configured-secret-9"));
    }
}
