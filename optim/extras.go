package optim

// gradOf returns the gradient a torch optimizer steps with: negated when it
// maximizes, plus weight_decay·x (torch's L2 penalty, grad.add(param,
// alpha=weight_decay)). It is grad itself when neither applies, else buf
// (grown as needed).
func gradOf(buf *[]float64, x, grad []float64, weightDecay float64, maximize bool) []float64 {
	if weightDecay == 0 && !maximize {
		return grad
	}
	if len(*buf) != len(grad) {
		*buf = make([]float64, len(grad))
	}
	g := *buf
	for i := range grad {
		g[i] = grad[i]
		if maximize {
			g[i] = -g[i]
		}
		if weightDecay != 0 {
			g[i] += float64(x[i] * weightDecay)
		}
	}
	return g
}
