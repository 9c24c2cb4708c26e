// These tests use real FIFOs, /proc and bash: they describe Linux behaviour.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
