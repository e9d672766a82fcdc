// One Chromium and one Nu checker for the whole run: both take seconds to start, a test class only
// needs a fresh browser context and its own app instance.
[assembly: AssemblyFixture(typeof(BrowserEnvironment))]
