// NLP.js ships no type declarations; these are the few parts the comparison classifier (nlpjsClassifier.ts) uses.
declare module '@nlpjs/core' {
  export interface NlpjsManager {
    settings: { autoSave: boolean; log: boolean };
    addLanguage(language: string): void;
    addDocument(language: string, text: string, intent: string): void;
    train(): Promise<void>;
    process(language: string, text: string): Promise<{ intent: string; score: number }>;
    /** The trained model as JSON text (minified: without the training documents' text). */
    export(minified?: boolean): string;
    import(data: string): void;
  }
  export interface NlpjsContainer {
    use(plugin: unknown): void;
    get(name: 'nlp'): NlpjsManager;
  }
  export function containerBootstrap(): Promise<NlpjsContainer>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
