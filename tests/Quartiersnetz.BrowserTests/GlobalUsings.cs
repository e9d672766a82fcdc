global using Microsoft.Playwright;
global using Quartiersnetz.BrowserTests.Infrastructure;
global using Xunit;
global using static Microsoft.Playwright.Assertions;
