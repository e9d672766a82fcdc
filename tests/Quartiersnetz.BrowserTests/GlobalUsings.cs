global using Microsoft.Playwright;
global using Quartiersnetz.BrowserTests.Infrastructure;
global using Quartiersnetz.IntegrationTests.Infrastructure;
global using Xunit;
global using static Microsoft.Playwright.Assertions;
