// Any Node warning (deprecation, experimental feature, leaked listener) fails the test suite, as execa's suite does.
process.on('warning', (warning) => {
  throw warning;
});
