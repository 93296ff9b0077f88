// esbuild reads .txt files as text (its default loader for the extension).
declare module '*.txt' {
  const text: string;
  export default text;
}
