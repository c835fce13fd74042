import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React changes rarely: its own long-cached chunk. Ant Design is split by use, so a page
        // loads only the components it shows (one antd chunk made the first load ≈ 585 KB gzip).
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    // API calls only — not the web app's own modules under src/web/api/*.ts.
    proxy: {
      '^/api/(?!.*\\.tsx?(\\?.*)?$)': {
        target: `http://localhost:${process.env.PORT ?? 3000}`,
        changeOrigin: false,
      },
    },
  },
})
