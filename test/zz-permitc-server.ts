// Temporary: the product on its own port with its own build of the web app (deleted after use).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { startLocalProduct } = await import('#infra/local/product');
const product = await startLocalProduct({ dataDir: '/tmp/permitC/data', port: 3107, echoSms: true, webDir: '/tmp/permitC/dist' });
console.log(`ready ${product.url}`);
const parent = process.ppid;
const stop = async () => {
  await product.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, 1000).unref();
