/** The smallest Fargate task size with its network mode: the members every Fargate fixture repeats. */
export const smallFargateTask: {
  networkMode: 'awsvpc';
  requiresCompatibilities: ['FARGATE'];
  cpu: string;
  memory: string;
} = { networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' };
