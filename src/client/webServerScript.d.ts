/** The web language server's bundle (dist/web/server.js) as text: scripts/bundle.mjs builds it first and puts it into the web extension's bundle. */
declare module 'biolens-web-server-script' {
  const script: string;
  export default script;
}
