/**
 * Hash routes (`#/jobs/<id>`), so deep links work from the hub, a file:// page or a webview
 * scheme alike, and no path ever reaches a server.
 */
import { createRouter, createWebHashHistory, type Router } from 'vue-router';
import JobView from './components/job-view/JobView.vue';
import NewJob from './components/new-job/NewJob.vue';
import WorkersPanel from './components/workers/WorkersPanel.vue';

export function createAppRouter(): Router {
  return createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', name: 'home', component: NewJob },
      {
        path: '/new/:jobType?',
        name: 'new',
        component: NewJob,
        // `?from=<jobId>`: "Edit and run" of that job.
        props: (route) => ({
          jobType: route.params.jobType,
          from: typeof route.query.from === 'string' ? route.query.from : undefined,
        }),
      },
      { path: '/jobs/:id', name: 'job', component: JobView, props: true },
      { path: '/workers', name: 'workers', component: WorkersPanel },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  });
}
